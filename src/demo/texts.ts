// Templated texts for tickets, posts, survey comments and ideas. English templates live here,
// Spanish/German/French ones in texts-i18n.ts; `lang` picks the set and falls back to English.
import type { Random } from './random.js';
import { capitalise, fill, type Slots } from './template.js';
import { I18N, type Lang } from './texts-i18n.js';

export type { Lang };

const OPEN = '[Hi|Hello|Hi there|Hey|Good morning|Dear Northwind team|Hello team|]';
const CLOSE = '[Thanks|Thank you|Thanks in advance|Regards|Cheers|Kind regards|Many thanks|]';

export const TEXTS: Readonly<Record<string, readonly string[]>> = {
  // ---- support tickets: subject lines ----
  'ticket.subject.where_is_order': [
    'Where is my order {order}?',
    'Order {order} not arrived',
    'Delivery late - order {order}',
    'Still waiting for my parcel',
    '[Late|Missing|Delayed] delivery',
    'Order {order} tracking not updating',
  ],
  'ticket.subject.return': [
    'Return request for {product}',
    'How do I return my {product}?',
    'Refund for order {order}',
    'Return label please',
    '[Wrong|Damaged] item received',
  ],
  'ticket.subject.payment_failed': [
    'Payment [keeps failing|not going through|declined]',
    'Cannot pay at checkout',
    'Card charged but no order?',
    'Checkout error when paying',
  ],
  'ticket.subject.password_reset': [
    'Password reset email never arrives',
    'No reset email',
    "Can't reset my password",
    'Reset link not received',
    'Forgot password email missing',
    'Password reset not working',
  ],
  'ticket.subject.account': [
    'Update my account details',
    'Change my email address',
    'Delete my account',
    'Login problem',
    'Two accounts - please merge',
  ],
  'ticket.subject.routine': [
    'Change delivery address for order {order}',
    'Question about order {order}',
    'Invoice for order {order}',
    'Can I add an item to order {order}?',
    'VAT receipt needed',
  ],
  'ticket.subject.product': [
    '{product} question',
    'Problem with my {product}',
    '{product} [stopped working|not working properly|arrived damaged]',
    'Missing part for {product}',
  ],
  'ticket.subject.storm': [
    'AeroBlend lid cracked',
    'AeroBlend blender jug cracked and leaking',
    'Cracked lid on new AeroBlend',
    'Blender lid broke after [two|three|a few] uses',
    'AeroBlend leaking from the lid',
  ],
  'ticket.subject.plus': [
    'Cancel my Plus membership',
    'Charged twice for Plus',
    'Plus free delivery not applied',
    'Question about Northwind Plus',
  ],
  'ticket.subject.feedback': [
    'Feature request: dark mode',
    'Please add dark mode to the app',
    'Suggestion - night theme for the app',
    'App is too bright at night',
  ],
  // ---- support tickets: bodies ----
  'ticket.body.where_is_order': [
    `${OPEN}, my order {order} was due on {promised} and [still hasn't arrived|is nowhere to be seen|has not turned up]. [The tracking says it's with {carrier}|Tracking has not moved for days|{carrier} says it's out for delivery but nothing came]. [Can you check please?|What is going on?|Please sort this out.|I need it by the weekend.] ${CLOSE}`,
    `${OPEN}, [I ordered|I placed an order for] a {product} on {placed} and it is now [{late} days|several days] late. [This is the second time this has happened.|Not impressed.|Could you chase {carrier}?|Can I get a refund of the delivery fee?] ${CLOSE}`,
    '[Parcel|Order] {order} [promised for|due] {promised}, still [waiting|nothing]. [Please advise.|Any update?|Really annoying.]',
  ],
  'ticket.body.return': [
    `${OPEN}, I [would like to|want to|need to] return the {product} from order {order}. [It doesn't fit the space.|The colour is not what I expected.|It arrived damaged.|Not what I hoped for.] [Please send a return label.|How do I get a refund?|Can I exchange it instead?] ${CLOSE}`,
    `${OPEN}, the {product} I received [is the wrong size|has a scratch on the side|was missing a part]. [I'd like a refund please.|Please arrange a collection.] ${CLOSE}`,
  ],
  'ticket.body.payment_failed': [
    `${OPEN}, I tried to pay [three times|twice|several times] [on my iPhone|on my Mac|on my phone|tonight] and it [just spins|times out|says payment failed]. [Is there a problem with your site?|My card works everywhere else.|I've given up for now.] ${CLOSE}`,
    '[Checkout|Payment page] [keeps timing out|fails at the last step|shows an error] [on Safari|on my iPad|]. [Was I charged?|Please help.|Can I order by phone?]',
  ],
  'ticket.body.password_reset': [
    `${OPEN}, I [requested|asked for] a password reset [three times|twice|this morning|an hour ago] but the email [never arrives|never arrived|hasn't come through]. [I've checked spam.|Not in my junk folder either.|My email address is correct.] ${CLOSE}`,
    `${OPEN}, [I can't log in|I'm locked out of my account] because the reset link [is not being sent|never comes|doesn't arrive]. [Can you reset it for me?|Please help, I want to place an order.] ${CLOSE}`,
    '[Forgot my password,|Trying to reset my password,] [no email received|the reset email never shows up|still no email after an hour]. [Help!|Please fix.|What am I doing wrong?]',
    `${OPEN}, the "forgot password" [page|link] says an email has been sent but [nothing arrives|I get nothing|my inbox is empty]. [This has been going on for days.|Tried on the app and the website.] ${CLOSE}`,
  ],
  'ticket.body.account': [
    `${OPEN}, [please update|could you change] the [email|phone number|address] on my account. ${CLOSE}`,
    `${OPEN}, I [seem to have|think I have] two accounts, [can you merge them?|please combine my orders.] ${CLOSE}`,
  ],
  'ticket.body.routine': [
    `${OPEN}, [could you|can you please] [change the delivery address|send me a VAT invoice|confirm the delivery date] for order {order}? ${CLOSE}`,
    `${OPEN}, [quick question about|a question regarding] order {order}: [can I add another item?|will it come in one parcel?|can it be left with a neighbour?] ${CLOSE}`,
  ],
  'ticket.body.product': [
    `${OPEN}, my {product} [stopped working|has a fault|arrived with a dent] after [a week|two weeks|a month]. [Can I get a replacement?|What are my options?] ${CLOSE}`,
    `${OPEN}, [does the|is the] {product} [dishwasher safe|available in grey|covered by warranty]? ${CLOSE}`,
  ],
  'ticket.body.storm': [
    `${OPEN}, the lid of my new AeroBlend blender [cracked|split|has a crack] [after two uses|the first time I used it|within a week] and now it [leaks everywhere|leaks from the top|is unusable]. [I want a replacement.|Please refund me.|Is this a known defect?] ${CLOSE}`,
    '[AeroBlend|My AeroBlend blender] [jug|lid] [cracked|broke] [blending ice|on the second use]. [Leaking all over the counter.|Really disappointed.|Need a refund.]',
  ],
  'ticket.body.plus': [
    `${OPEN}, [please cancel my Plus membership|I was charged twice for Plus this month|free delivery from Plus was not applied to order {order}]. ${CLOSE}`,
  ],
  'ticket.body.feedback': [
    `${OPEN}, [any chance of|please consider adding|would love] a dark mode in the app? [It's really bright at night.|Every other app has one.|My eyes would thank you.] ${CLOSE}`,
  ],
  // ---- social posts ----
  'post.product_praise': [
    '[Love|Really pleased with|Absolutely love] my new {product} from @NorthwindHome [😍|!|, great quality|, looks amazing in the living room]',
    '[Just got|Finally got] the {product} from Northwind and [it is gorgeous|it was worth every penny|the quality is great]',
    '[Five stars|10/10] for the {product}. [Sturdy|Well made|Beautiful] and [arrived quickly|easy to set up|looks even better than the photos].',
    '[Great|Lovely|Solid] {product}, [would buy again|highly recommend|exactly as described].',
  ],
  'post.product_complaint': [
    'The {product} I bought from @NorthwindHome [is already falling apart|feels really cheap|broke after a week] [😡|. Not happy.|. Disappointed.]',
    '[Returned|Sending back] the {product}. [Poor quality|Nothing like the photos|Flimsy and overpriced].',
    '[Two stars.|Meh.] The {product} [is ok but overpriced|scratched easily|smaller than expected].',
  ],
  'post.delivery_late': [
    '@NorthwindHome my order is [{late} days late|still not here|lost somewhere] [and {carrier} has no idea where it is|again|and nobody replies] [😤|.|!]',
    '[Still waiting|Day {late} of waiting] for my Northwind [order|parcel]. {carrier} [strikes again|tracking is useless].',
    'Ordered from @NorthwindHome [a week ago|ages ago], [promised|due] on {promised}, [nothing yet|still nothing]. [Not impressed.|Never again.]',
  ],
  'post.delivery_praise': [
    '[Wow|Impressed], @NorthwindHome delivered [next day|a day early|super fast]! [Thanks|Great service] [🙌|!]',
    '[Quick|Smooth] delivery from Northwind, [well packaged|driver was lovely|arrived on time].',
  ],
  'post.service_complaint': [
    '@NorthwindHome [still no reply|waited {late} days for an answer|your support is useless] [to my email|on my ticket]. [Poor service.|Terrible.|Come on.]',
    '[Three|Two] emails to Northwind support and [still nothing|no answer|just a bot reply]. [Frustrating.|Really annoying.]',
  ],
  'post.service_praise': [
    '[Shoutout|Big thanks] to [the Northwind support team|@NorthwindHome customer service] for [sorting my return so quickly|being so helpful|a quick refund] [👏|!]',
  ],
  'post.app_praise': [
    '[Love|Enjoying] the Northwind app, [easy to use|checkout is quick|the wishlist is handy].',
    '[Great app|Nice app], [smooth|fast] and [easy to track orders|good deals].',
  ],
  'post.app_complaint': [
    'The Northwind app [keeps crashing|is so slow|logs me out every time] [since the update|on my phone|when I open the basket]. [Fix it please.|Annoying.]',
    '[App|The app] [freezes on|crashes at] checkout. [One star.|Useless.]',
  ],
  'post.dark_mode': [
    '@NorthwindHome [please|pretty please] add dark mode to the app [🌙|!|, it is blinding at night]',
    'Why does the Northwind app still not have [a dark mode|a dark theme|night mode]? [It is 2026.|My eyes hurt.]',
    'Nice app but [desperately needs|missing] a dark mode.',
  ],
  'post.general_praise': [
    '[Northwind Home|@NorthwindHome] [never disappoints|is my go-to for homeware|has the nicest stuff] [❤️|!|.]',
    '[Another|Yet another] Northwind order [arrived today|on its way], [can’t wait|so excited] [😊|!]',
  ],
  'post.general_neutral': [
    'Does anyone know if @NorthwindHome [ships to Northern Ireland|does price matching|has a showroom]?',
    '[Browsing|Looking at] the Northwind [sale|new collection], [any recommendations?|thoughts on the {product}?]',
    'Is the {product} from Northwind [any good|worth it]?',
  ],
  'post.ad_storm': [
    'That new Northwind ad is so [tone deaf|cringe|out of touch] [🙄|. Who signed this off?|. Yikes.]',
    'Who approved the #NorthwindMoments [advert|ad|commercial]? [Genuinely awful.|Tone deaf.|So cringe.]',
    '[Muting|Switching channel on] Northwind until that [commercial|advert|ad] is off my TV.',
    'The #NorthwindMoments [ad|advert] [is everywhere and it is terrible|is so patronising|makes me not want to shop there].',
    '[Can we talk about|Has anyone seen] the Northwind [advert|commercial]? [Absolutely tone deaf.|What were they thinking?|Embarrassing.]',
    '[Unfollowing|Done with] @NorthwindHome after that [ad|advert]. [Not ok.|So out of touch.]',
    '[Every ad break|Every YouTube video] it is that [cringe|awful|annoying] Northwind [ad|commercial] [😩|. Make it stop.]',
  ],
  'post.ad_positive': [
    '[Actually liked|Quite liked] the new Northwind [ad|advert], [the music is lovely|nice vibe].',
  ],
  'post.product_storm': [
    'The lid on my AeroBlend blender [cracked|split] [after two uses|on the first smoothie|within a week] [😡|. Leaking everywhere.|. Avoid!]',
    '[Avoid|Do not buy] the AeroBlend blender from Northwind, [lid cracked|jug cracked|leaks from the lid] [straight away|after a few days].',
    '@NorthwindHome my AeroBlend [lid|jug] is cracked and [leaking|useless]. [Is this a bad batch?|Second one to crack!|Want a refund.]',
    '[Anyone else|Has anyone else] had their AeroBlend blender lid crack? [Mine leaks now.|Looks like a faulty batch.]',
    '[One star.|Terrible.] AeroBlend [lid cracked|cracked lid] and [leaked smoothie all over the kitchen|now it leaks].',
  ],
  // ---- survey comments ----
  'survey.delivery.good': [
    '[Arrived on time|Fast delivery|Came a day early], [well packed|driver was friendly|no complaints].',
    'Great, [quick|smooth] delivery.',
    'On time and in perfect condition.',
  ],
  'survey.delivery.bad': [
    '[Arrived|Came] [{late} days late|very late|after the promised date]. [Not good enough.|Disappointing.]',
    '{carrier} [lost|delayed] my parcel [again|for days].',
    'Late delivery and no updates.',
  ],
  'survey.support.good': [
    '[Quick|Helpful|Friendly] answer, [problem solved|thank you].',
    'Sorted my issue [fast|in one go].',
  ],
  'survey.support.bad': [
    '[Took days|Waited ages] for a reply.',
    '[Had to ask twice|Issue still not fixed|Ticket closed without a fix].',
  ],
  'survey.checkout.good': ['[Easy|Quick|Simple] checkout.', 'Paid in seconds.'],
  'survey.checkout.bad': [
    '[The new checkout|Checkout] is [confusing|too long|clunky].',
    '[Payment page kept failing|Had to try several times to pay].',
    'Too many steps to pay now.',
  ],
  'survey.relationship.good': [
    '[Great products|Nice quality] and [good prices|fast delivery].',
    '[Love the range|Always happy with my orders].',
    'Reliable and good value.',
  ],
  'survey.relationship.mid': [
    '[Fine|OK] but [delivery could be faster|prices went up|site is a bit slow].',
    'Decent, [nothing special|some items pricey].',
  ],
  'survey.relationship.bad': [
    '[Deliveries are always late|Customer service is slow|Quality has dropped].',
    '[Poor|Terrible] experience [lately|with my last orders].',
  ],
};

export interface TextOptions {
  lang?: Lang;
  slots?: Slots;
}

/** A text for a key such as `post.delivery_late`; non-English when the key has that language. */
export function text(rng: Random, key: string, opts: TextOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const localized = lang === 'en' ? undefined : I18N[lang]?.[key];
  const templates = localized ?? TEXTS[key];
  if (!templates || templates.length === 0) throw new RangeError(`no text templates for ${key}`);
  return capitalise(fill(rng, rng.pick(templates), opts.slots ?? {}));
}

/** Whether a language has templates for a key. */
export function hasLanguage(key: string, lang: Lang): boolean {
  return lang === 'en' || I18N[lang]?.[key] !== undefined;
}
