// Pretty-printed JSON, as recorded (React escapes it; nothing in a record is rendered as markup).
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre className="json" data-testid={testId}>
      {value === null || value === undefined ? "null" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
