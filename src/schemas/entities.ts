// The canonical entities (DESIGN.md "Data model"). Every row keeps `source` (the system it came
// from) and `source_id` (its id there); (source, source_id) is the natural key of every table.
// Activity rows reference their customer by the id in the same source (`customer_id`) and, where
// the export has it, by e-mail; identity resolution turns both into a person.
import { z } from 'zod';
import { f } from './field.js';

const base = {
  source: f.text('Which system the row came from (crm, shop, web, support …).'),
};

const customerRef = {
  customer_id: f
    .text("The customer's id in the same source system.", {
      aliases: ['customer', 'user_id', 'userid', 'client_id', 'author_id', 'contact_id'],
    })
    .optional(),
  customer_email: f
    .text("The customer's e-mail as the source system recorded it.", {
      aliases: ['email', 'e_mail', 'customer_mail', 'requester_email'],
    })
    .optional(),
};

export const Customer = z.object({
  ...base,
  source_id: f.text('Customer id in the source system.', {
    aliases: ['customer_id', 'id', 'contact_id', 'client_id', 'account_id'],
  }),
  user_id: f
    .text('Login / app user id, as sent in tracking events.', {
      aliases: ['userid', 'login', 'username'],
    })
    .optional(),
  email: f
    .text('E-mail address.', { aliases: ['e_mail', 'email_address', 'mail', 'customer_email'] })
    .optional(),
  phone: f
    .text('Phone number in any format.', {
      aliases: ['phone_number', 'telephone', 'mobile', 'tel'],
    })
    .optional(),
  first_name: f
    .text('Given name.', { aliases: ['firstname', 'given_name', 'forename'] })
    .optional(),
  last_name: f.text('Family name.', { aliases: ['lastname', 'surname', 'family_name'] }).optional(),
  birth_date: f
    .date('Date of birth.', { aliases: ['dob', 'date_of_birth', 'birthday'] })
    .optional(),
  address: f.text('Street address.', { aliases: ['street', 'address_1', 'address1'] }).optional(),
  postcode: f
    .text('Postal code.', {
      aliases: ['zip', 'zipcode', 'postal_code', 'zip_code', 'zip_code_prefix'],
    })
    .optional(),
  city: f.text('City.', { aliases: ['town'] }).optional(),
  country: f.text('Country (ISO code or name).', { aliases: ['country_code'] }).optional(),
  created_at: f
    .timestamp('When the customer record was created.', {
      aliases: ['signup_date', 'created', 'registered_at', 'signed_up_at'],
    })
    .optional(),
  attributes: f.json('Any further columns of the export, kept as JSON.').optional(),
});
export type Customer = z.infer<typeof Customer>;

/**
 * The Customer fields that describe the person, in table order (all but the keys, created_at and
 * attributes): what an identify call's traits fill in, and what a person's golden record keeps.
 */
export const CUSTOMER_PERSON_FIELDS = [
  'user_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'birth_date',
  'address',
  'postcode',
  'city',
  'country',
] as const satisfies readonly (keyof Customer)[];
export type CustomerPersonField = (typeof CUSTOMER_PERSON_FIELDS)[number];

export const EVENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

export const Event = z.object({
  ...base,
  source_id: f.text('The Segment messageId: unique per message, used to drop retries.', {
    aliases: ['message_id', 'messageid', 'event_id'],
  }),
  type: f.enum(EVENT_TYPES, 'Segment call type.'),
  event: f
    .text('Event name of a track call (e.g. "Order Completed"); page/screen name otherwise.', {
      aliases: ['event_name', 'name'],
    })
    .optional(),
  user_id: f.text('Known user id.', { aliases: ['userid'] }).optional(),
  anonymous_id: f
    .text('Device/browser id before the user is known.', {
      aliases: ['anonymousid', 'anon_id'],
    })
    .optional(),
  previous_id: f.text('alias: the previous id.', { aliases: ['previousid'] }).optional(),
  group_id: f.text('group: the account id.', { aliases: ['groupid'] }).optional(),
  timestamp: f.timestamp('When the event happened (corrected with sentAt/receivedAt).', {
    aliases: ['ts', 'time', 'event_time', 'occurred_at'],
  }),
  received_at: f.timestamp('When cxlens received it.', { aliases: ['receivedat'] }).optional(),
  session_id: f.text('Session id when the SDK sends one.').optional(),
  browser: f.text('Browser family from the user agent.').optional(),
  browser_version: f.text('Browser major version.').optional(),
  os: f.text('Operating system family.').optional(),
  os_version: f.text('Operating system version.').optional(),
  device_type: f.text('desktop, mobile, tablet …', { aliases: ['device'] }).optional(),
  app_version: f.text('App version (context.app.version).').optional(),
  locale: f.text('Locale (context.locale).').optional(),
  country: f.text('Country (context.location.country).').optional(),
  page_url: f.text('Page URL.', { aliases: ['url'] }).optional(),
  page_path: f.text('Page path.', { aliases: ['path'] }).optional(),
  referrer: f.text('Referrer URL.').optional(),
  campaign_source: f.text('utm_source.', { aliases: ['utm_source'] }).optional(),
  campaign_medium: f.text('utm_medium.', { aliases: ['utm_medium'] }).optional(),
  campaign_name: f.text('utm_campaign.', { aliases: ['utm_campaign'] }).optional(),
  variant: f.text('Experiment variant (properties.variant or context.experiment).').optional(),
  user_agent: f.text('Raw user agent string.', { aliases: ['useragent'] }).optional(),
  properties: f.json('Event properties.').optional(),
  traits: f.json('identify/group traits.').optional(),
  context: f.json('The rest of the Segment context.').optional(),
});
export type Event = z.infer<typeof Event>;

export const ORDER_STATUSES = ['placed', 'shipped', 'delivered', 'cancelled', 'returned'] as const;

/** Other words exports use for an order status (matched ignoring case, spaces and underscores). */
export const ORDER_STATUS_SYNONYMS = {
  pending: 'placed',
  created: 'placed',
  approved: 'placed',
  processing: 'placed',
  invoiced: 'placed',
  in_transit: 'shipped',
  dispatched: 'shipped',
  complete: 'delivered',
  completed: 'delivered',
  fulfilled: 'delivered',
  canceled: 'cancelled',
  unavailable: 'cancelled',
  refunded: 'returned',
} as const satisfies Record<string, (typeof ORDER_STATUSES)[number]>;

export const Order = z.object({
  ...base,
  source_id: f.text('Order id.', { aliases: ['order_id', 'order_number', 'id'] }),
  ...customerRef,
  placed_at: f.timestamp('When the order was placed.', {
    aliases: ['order_date', 'ordered_at', 'created_at', 'purchase_timestamp'],
  }),
  amount: f.decimal('Order total.', { aliases: ['total', 'order_total', 'value', 'revenue'] }),
  currency: f.text('ISO 4217 currency.').optional(),
  channel: f.text('web, app, store, marketplace …').optional(),
  partner_id: f
    .text('Marketplace or carrier partner involved.', { aliases: ['partner', 'carrier'] })
    .optional(),
  promised_at: f
    .timestamp('Promised delivery date.', {
      aliases: ['promised_date', 'estimated_delivery', 'estimated_delivery_date'],
    })
    .optional(),
  delivered_at: f
    .timestamp('Actual delivery.', { aliases: ['delivered_date', 'delivery_date'] })
    .optional(),
  status: f.enum(ORDER_STATUSES, 'Order status.').optional(),
  returned: f
    .bool('Whether the order was returned or refunded.', { aliases: ['is_returned', 'refunded'] })
    .optional(),
  returned_at: f
    .timestamp(
      'When it was returned or refunded (implies returned; analyses as of an earlier date do not see the return).',
      {
        aliases: ['return_date', 'returned_date', 'refunded_at', 'refund_date'],
      },
    )
    .optional(),
});
export type Order = z.infer<typeof Order>;

export const Subscription = z.object({
  ...base,
  source_id: f.text('Subscription id.', { aliases: ['subscription_id', 'id'] }),
  ...customerRef,
  plan: f.text('Plan name.').optional(),
  started_at: f.timestamp('Start.', { aliases: ['start_date', 'start'] }),
  ended_at: f
    .timestamp('End (cancellation effective); empty while active.', {
      aliases: ['end_date', 'cancelled_at', 'canceled_at'],
    })
    .optional(),
  mrr: f.decimal('Monthly recurring revenue.', { aliases: ['monthly_amount'] }).optional(),
});
export type Subscription = z.infer<typeof Subscription>;

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Other words exports use for a ticket priority (matched ignoring case, spaces and underscores). */
export const TICKET_PRIORITY_SYNONYMS = {
  medium: 'normal',
  critical: 'urgent',
} as const satisfies Record<string, (typeof TICKET_PRIORITIES)[number]>;

export const Ticket = z.object({
  ...base,
  source_id: f.text('Ticket id.', { aliases: ['ticket_id', 'id', 'case_id'] }),
  ...customerRef,
  channel: f.text('email, chat, phone, web …', { aliases: ['ticket_channel', 'via'] }).optional(),
  category: f.text('Category / type.', { aliases: ['type', 'ticket_type', 'topic'] }).optional(),
  priority: f.enum(TICKET_PRIORITIES, 'Priority.', { aliases: ['ticket_priority'] }).optional(),
  subject: f.text('Subject line.', { aliases: ['ticket_subject', 'title'] }).optional(),
  body: f
    .text('First message.', { aliases: ['description', 'ticket_description', 'message'] })
    .optional(),
  opened_at: f.timestamp('When the ticket was opened.', {
    aliases: ['created_at', 'opened', 'created'],
  }),
  first_response_at: f
    .timestamp('First agent response.', { aliases: ['first_response_time'] })
    .optional(),
  resolved_at: f
    .timestamp('Resolution.', { aliases: ['solved_at', 'closed_at', 'time_to_resolution'] })
    .optional(),
  reopened_count: f
    .int('How often it was reopened.', { aliases: ['reopens', 'reopened'] })
    .optional(),
  agent: f.text('Assigned agent.', { aliases: ['assignee', 'agent_id'] }).optional(),
  handle_minutes: f
    .decimal('Agent handling time in minutes.', { aliases: ['handle_time', 'handling_minutes'] })
    .optional(),
  csat: f
    .int('CSAT rating given for the ticket (1–5).', {
      aliases: ['satisfaction', 'customer_satisfaction_rating'],
    })
    .optional(),
  reopened_at: f
    .timestamp(
      'When it was last reopened (analyses as of an earlier date do not see the reopens).',
      {
        aliases: ['last_reopened_at', 'reopened_date'],
      },
    )
    .optional(),
});
export type Ticket = z.infer<typeof Ticket>;

export const SURVEY_KINDS = ['nps', 'csat', 'ces', 'custom'] as const;

export const SurveyResponse = z.object({
  ...base,
  source_id: f.text('Response id.', { aliases: ['response_id', 'id', 'review_id'] }),
  ...customerRef,
  survey: f.text('Survey / wave name.', { aliases: ['survey_name', 'survey_id', 'wave'] }),
  kind: f.enum(SURVEY_KINDS, 'nps (0–10), csat (1–5), ces (1–7) or custom.', {
    aliases: ['survey_kind', 'type'],
  }),
  score: f
    .decimal("The answer on the kind's scale.", { aliases: ['rating', 'answer', 'value'] })
    .optional(),
  comment: f.text('Free-text answer.', { aliases: ['feedback', 'verbatim', 'text'] }).optional(),
  touchpoint: f.text('Where it was asked (delivery, support, checkout …).').optional(),
  channel: f.text('Channel of the interaction.').optional(),
  partner_id: f.text('Partner involved in the interaction.', { aliases: ['partner'] }).optional(),
  invited_at: f.timestamp('When the survey was sent.', { aliases: ['sent_at'] }).optional(),
  responded_at: f
    .timestamp('When it was answered (empty if not answered).', {
      aliases: ['answered_at', 'submitted_at', 'created_at', 'date'],
    })
    .optional(),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

export const Post = z.object({
  ...base,
  source_id: f.text('Post id.', { aliases: ['post_id', 'id', 'review_id', 'tweet_id'] }),
  ...customerRef,
  channel: f.text('twitter, review_site, forum, app_store …', { aliases: ['platform', 'network'] }),
  author_handle: f
    .text('Author handle on that channel.', { aliases: ['author', 'handle', 'username'] })
    .optional(),
  text: f.text('The post text.', { aliases: ['content', 'body', 'message', 'review'] }),
  posted_at: f.timestamp('When it was posted.', {
    aliases: ['created_at', 'date', 'published_at'],
  }),
  rating: f
    .decimal('Star rating where the channel has one.', { aliases: ['stars', 'score'] })
    .optional(),
  likes: f.int('Likes / upvotes.', { aliases: ['like_count', 'upvotes'] }).optional(),
  reply_to: f
    .text('Post id this replies to.', { aliases: ['in_reply_to', 'parent_id'] })
    .optional(),
  campaign_id: f
    .text('Campaign the post responds to, when known.', { aliases: ['campaign'] })
    .optional(),
});
export type Post = z.infer<typeof Post>;

export const IDEA_STATUSES = [
  'open',
  'under_review',
  'planned',
  'in_progress',
  'done',
  'declined',
] as const;

export const Idea = z.object({
  ...base,
  source_id: f.text('Idea id.', { aliases: ['idea_id', 'id'] }),
  ...customerRef,
  title: f.text('Idea title.', { aliases: ['subject', 'name'] }),
  body: f.text('Idea description.', { aliases: ['description', 'text'] }).optional(),
  votes: f.int('Vote count.', { aliases: ['vote_count', 'upvotes'] }).optional(),
  voter_ids: f
    .list('Customer ids of the voters (separated by ; or |).', { aliases: ['voters'] })
    .optional(),
  status: f.enum(IDEA_STATUSES, 'Status on the forum.').optional(),
  category: f.text('Forum category.').optional(),
  created_at: f.timestamp('When it was posted.', { aliases: ['posted_at', 'date'] }),
});
export type Idea = z.infer<typeof Idea>;

export const CAMPAIGN_KINDS = ['ad', 'promo', 'email', 'release', 'other'] as const;

export const Campaign = z.object({
  ...base,
  source_id: f.text('Campaign id.', { aliases: ['campaign_id', 'id'] }),
  name: f.text('Campaign name.', { aliases: ['campaign_name', 'title'] }),
  channel: f.text('tv, social, email, search, app …').optional(),
  kind: f.enum(CAMPAIGN_KINDS, 'ad, promo, email, release or other.', {
    aliases: ['type', 'campaign_type'],
  }),
  starts_at: f.timestamp('Start.', { aliases: ['start_date', 'start'] }),
  ends_at: f.timestamp('End.', { aliases: ['end_date', 'end'] }).optional(),
  keywords: f
    .list('Words that identify the campaign in posts (separated by ; or |).', { aliases: ['tags'] })
    .optional(),
});
export type Campaign = z.infer<typeof Campaign>;

export const PARTNER_KINDS = ['marketplace', 'integrator', 'carrier', 'other'] as const;

export const Partner = z.object({
  ...base,
  source_id: f.text('Partner id.', { aliases: ['partner_id', 'id'] }),
  name: f.text('Partner name.', { aliases: ['partner_name'] }),
  kind: f.enum(PARTNER_KINDS, 'marketplace, integrator, carrier or other.', {
    aliases: ['type', 'partner_type'],
  }),
});
export type Partner = z.infer<typeof Partner>;

const ENUM_SYNONYMS = new Map<readonly string[], Readonly<Record<string, string>>>([
  [ORDER_STATUSES, ORDER_STATUS_SYNONYMS],
  [TICKET_PRIORITIES, TICKET_PRIORITY_SYNONYMS],
]);

/** The synonyms of an enum field, looked up by its value list (the `values` of its field meta). */
export function enumSynonyms(values: readonly string[]): Readonly<Record<string, string>> {
  return ENUM_SYNONYMS.get(values) ?? {};
}
