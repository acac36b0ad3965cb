import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="login">
      <div className="card">
        <h1>Not for your role</h1>
        <p className="muted">Your role does not include this page. An admin can change your role under Users.</p>
        <Link className="btn" href="/">Back to the console</Link>
      </div>
    </main>
  );
}
