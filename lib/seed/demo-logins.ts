// Documented in the README; shown on the login page in demo mode only.
export const demoPassword = (role: string) => `flightdeck-${role}`;
export const demoEmail = (role: string) => `${role}@flightdeck.demo`;
