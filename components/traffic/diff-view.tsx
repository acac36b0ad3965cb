// The unified diff of two policy documents (canonical text, so only real changes show).

export function DiffView({ patch }: { patch: string }) {
  // Skip the "Index"/"===" and ---/+++ header lines the diff library writes.
  const lines = patch.split("\n").filter((line) => !/^(Index:|=+$|---|\+\+\+)/.test(line) && line !== "");
  return (
    <pre className="diff" data-testid="version-diff" aria-label="Document diff">
      {lines.map((line, i) => (
        <span key={i} className={`line ${line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : ""}`}>
          {line}
        </span>
      ))}
    </pre>
  );
}
