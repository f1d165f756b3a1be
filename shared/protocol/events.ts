import { z } from 'zod';
import { type LabEvent, labEventSchema } from './lab';
import { type RunEvent, runEventSchema } from './runs';

/**
 * Everything the back end pushes to the renderer without being asked: run events (training runs
 * change) and lab events (an estimator lab runs). One channel carries both, on either transport;
 * the receiver checks each against this schema.
 */
export const backendEventSchema = z.discriminatedUnion('type', [...runEventSchema.options, ...labEventSchema.options]);

export type BackendEvent = z.infer<typeof backendEventSchema>;

/** A run's event (the runs store applies these; lab events go to the Lab tab). */
export function isRunEvent(event: BackendEvent): event is RunEvent {
  return event.type.startsWith('run.');
}

/** An estimator lab's event. */
export function isLabEvent(event: BackendEvent): event is LabEvent {
  return event.type.startsWith('lab.');
}
