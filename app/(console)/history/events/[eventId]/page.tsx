import { notFound } from "next/navigation";
import { EventDetail } from "@/components/history/event-detail";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getCloudTrailEvent } from "@/lib/history/get-change";

export const metadata = { title: "CloudTrail event" };

export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  await pageActor("history:read", `/history/events/${eventId}`);
  // Event ids are UUIDs; decode defensively in case a router hands the segment over still encoded.
  const id = /%[0-9a-f]{2}/i.test(eventId) ? decodeURIComponent(eventId) : eventId;
  const event = await getCloudTrailEvent(getDb(), id);
  if (!event) notFound();
  return <EventDetail event={event} />;
}
