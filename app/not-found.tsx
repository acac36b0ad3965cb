import Link from "next/link";

export default function NotFound() {
  return (
    <main className="login">
      <div className="card">
        <h1>Not found</h1>
        <p className="muted">There is nothing at this address, or it was deleted.</p>
        <Link className="btn" href="/">Back to the console</Link>
      </div>
    </main>
  );
}
