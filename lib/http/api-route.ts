import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError, isAppError } from "@/lib/errors";

type RouteContext<P> = { params: Promise<P> };

/** `requestId` is the caller's x-request-id, or a new one: what audit entries and error bodies quote. */
export type ApiHandler<P> = (args: { request: NextRequest; params: P; requestId: string }) => Promise<Response | unknown>;

/** JSON error body shared by every route: `{ "error": { code, message, fieldErrors?, requestId } }`. */
export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors, ...error.details, requestId } },
      { status: error.status, headers: { "x-request-id": requestId } },
    );
  }
  console.error(`[${requestId}] unexpected error`, error);
  return NextResponse.json(
    { error: { code: "internal", message: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`, requestId } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

/** Wraps a route handler: plain return values become JSON, errors become the JSON error body. */
export function apiRoute<P = Record<string, never>>(handler: ApiHandler<P>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    try {
      const result = await handler({ request, params: await context.params, requestId });
      return result instanceof Response ? result : NextResponse.json(result, { headers: { "x-request-id": requestId } });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON (Content-Type: application/json).");
  }
}

export function created(body: unknown): NextResponse {
  return NextResponse.json(body, { status: 201 });
}
