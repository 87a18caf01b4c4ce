// The list of entities and their tables: the single place that names them.
import type { z } from 'zod';
import {
  Campaign,
  Customer,
  Event,
  Idea,
  Order,
  Partner,
  Post,
  Subscription,
  SurveyResponse,
  Ticket,
} from './entities.js';

export const ENTITY_NAMES = [
  'customer',
  'event',
  'order',
  'subscription',
  'ticket',
  'survey_response',
  'post',
  'idea',
  'campaign',
  'partner',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityDef {
  name: EntityName;
  /** Table name in the store (plural, avoids SQL keywords such as ORDER). */
  table: string;
  schema: z.ZodObject;
  /** Timestamp column used for periods and timelines. */
  timeField?: string;
}

export const ENTITIES: Record<EntityName, EntityDef> = {
  customer: { name: 'customer', table: 'customers', schema: Customer, timeField: 'created_at' },
  event: { name: 'event', table: 'events', schema: Event, timeField: 'timestamp' },
  order: { name: 'order', table: 'orders', schema: Order, timeField: 'placed_at' },
  subscription: {
    name: 'subscription',
    table: 'subscriptions',
    schema: Subscription,
    timeField: 'started_at',
  },
  ticket: { name: 'ticket', table: 'tickets', schema: Ticket, timeField: 'opened_at' },
  survey_response: {
    name: 'survey_response',
    table: 'survey_responses',
    schema: SurveyResponse,
    timeField: 'responded_at',
  },
  post: { name: 'post', table: 'posts', schema: Post, timeField: 'posted_at' },
  idea: { name: 'idea', table: 'ideas', schema: Idea, timeField: 'created_at' },
  campaign: { name: 'campaign', table: 'campaigns', schema: Campaign, timeField: 'starts_at' },
  partner: { name: 'partner', table: 'partners', schema: Partner },
};

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}

/** Other spellings users type for an entity: its table name (plural), dashes, and survey. */
const ENTITY_SYNONYMS: Readonly<Record<string, EntityName>> = {
  survey: 'survey_response',
  surveys: 'survey_response',
  response: 'survey_response',
  responses: 'survey_response',
  review: 'post',
  reviews: 'post',
};

/** The entity a user's word names (`orders`, `Survey-Responses`, `surveys`), or undefined. */
export function resolveEntityName(value: string): EntityName | undefined {
  const v = value.trim().toLowerCase().replace(/-/g, '_');
  if (isEntityName(v)) return v;
  const byTable = ENTITY_NAMES.find((n) => ENTITIES[n].table === v);
  return byTable ?? ENTITY_SYNONYMS[v];
}
