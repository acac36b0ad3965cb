// Vitest runs outside Next's bundler, where the real `server-only` throws on import.
export {};
