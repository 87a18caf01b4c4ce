// The fixed world of Northwind Home: products, partners, and the calendar of planted events.
// Every planted day is a fraction of the period so small test runs (60 days) keep all truths.

export interface Product {
  id: string;
  slug: string;
  name: string;
  short: string;
  category: string;
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 'P-1001',
    slug: 'aeroblend-blender',
    name: 'AeroBlend Blender',
    short: 'AeroBlend blender',
    category: 'kitchen',
    price: 89,
  },
  {
    id: 'P-1002',
    slug: 'linen-duvet-set',
    name: 'Linen Duvet Set',
    short: 'linen duvet set',
    category: 'bedding',
    price: 119,
  },
  {
    id: 'P-1003',
    slug: 'oak-side-table',
    name: 'Oak Side Table',
    short: 'oak side table',
    category: 'furniture',
    price: 149,
  },
  {
    id: 'P-1004',
    slug: 'cast-iron-skillet',
    name: 'Cast Iron Skillet 28cm',
    short: 'cast iron skillet',
    category: 'kitchen',
    price: 45,
  },
  {
    id: 'P-1005',
    slug: 'stoneware-dinner-set',
    name: 'Stoneware Dinner Set (12 pc)',
    short: 'stoneware dinner set',
    category: 'tableware',
    price: 79,
  },
  {
    id: 'P-1006',
    slug: 'bamboo-bath-towels',
    name: 'Bamboo Bath Towels (4)',
    short: 'bamboo towels',
    category: 'bath',
    price: 39,
  },
  {
    id: 'P-1007',
    slug: 'nordic-floor-lamp',
    name: 'Nordic Floor Lamp',
    short: 'floor lamp',
    category: 'lighting',
    price: 99,
  },
  {
    id: 'P-1008',
    slug: 'velvet-cushion-covers',
    name: 'Velvet Cushion Covers (2)',
    short: 'cushion covers',
    category: 'living',
    price: 29,
  },
  {
    id: 'P-1009',
    slug: 'glass-storage-jars',
    name: 'Glass Storage Jars (6)',
    short: 'storage jars',
    category: 'kitchen',
    price: 34,
  },
  {
    id: 'P-1010',
    slug: 'wool-throw-blanket',
    name: 'Wool Throw Blanket',
    short: 'wool throw',
    category: 'living',
    price: 59,
  },
  {
    id: 'P-1011',
    slug: 'ceramic-table-lamp',
    name: 'Ceramic Table Lamp',
    short: 'table lamp',
    category: 'lighting',
    price: 65,
  },
  {
    id: 'P-1012',
    slug: 'knife-block-set',
    name: 'Chef Knife Block Set',
    short: 'knife set',
    category: 'kitchen',
    price: 129,
  },
  {
    id: 'P-1013',
    slug: 'memory-foam-pillow',
    name: 'Memory Foam Pillow',
    short: 'pillow',
    category: 'bedding',
    price: 35,
  },
  {
    id: 'P-1014',
    slug: 'rattan-laundry-basket',
    name: 'Rattan Laundry Basket',
    short: 'laundry basket',
    category: 'storage',
    price: 42,
  },
  {
    id: 'P-1015',
    slug: 'espresso-machine',
    name: 'Barista Espresso Machine',
    short: 'espresso machine',
    category: 'kitchen',
    price: 249,
  },
  {
    id: 'P-1016',
    slug: 'cotton-bath-mat',
    name: 'Cotton Bath Mat',
    short: 'bath mat',
    category: 'bath',
    price: 19,
  },
];
/** Popularity weights aligned with PRODUCTS. */
export const PRODUCT_WEIGHTS: readonly number[] = [12, 6, 3, 6, 5, 7, 3, 8, 6, 5, 4, 3, 6, 4, 2, 6];
/** The product whose defective batch is planted (product_storm). */
export const STORM_PRODUCT = PRODUCTS[0] as Product;

export interface Partner {
  id: string;
  name: string;
  kind: 'marketplace' | 'carrier' | 'integrator';
  /** Share of deliveries that arrive after the promised date. */
  lateRate: number;
  /** Carrier choice weight. */
  weight: number;
}

export const PARTNERS: readonly Partner[] = [
  { id: 'PTN-01', name: 'SwiftRoute Parcels', kind: 'carrier', lateRate: 0.05, weight: 4 },
  { id: 'PTN-02', name: 'Parcelo', kind: 'carrier', lateRate: 0.05, weight: 3 },
  { id: 'PTN-03', name: 'QuickHaul Logistics', kind: 'carrier', lateRate: 0.35, weight: 3 },
  { id: 'PTN-04', name: 'DPX Express', kind: 'carrier', lateRate: 0.04, weight: 2 },
  { id: 'PTN-05', name: 'Amazon Marketplace', kind: 'marketplace', lateRate: 0, weight: 3 },
  { id: 'PTN-06', name: 'eBay', kind: 'marketplace', lateRate: 0, weight: 1 },
  { id: 'PTN-07', name: 'ShipBridge Connect', kind: 'integrator', lateRate: 0, weight: 0 },
];
export const CARRIERS = PARTNERS.filter((p) => p.kind === 'carrier');
export const CARRIER_WEIGHTS = CARRIERS.map((p) => p.weight);
export const MARKETPLACES = PARTNERS.filter((p) => p.kind === 'marketplace');
export const MARKETPLACE_WEIGHTS = MARKETPLACES.map((p) => p.weight);
export const POOR_CARRIER = PARTNERS[2] as Partner;

/** Days (0-based, from the period start) of every planted event. */
export interface Plan {
  days: number;
  startMs: number;
  endMs: number;
  adStormDay: number;
  adStormDays: number;
  redesignDay: number;
  paymentBreakDay: number;
  paymentBreakDays: number;
  productStormDay: number;
  productStormDays: number;
  recurringIssueFromDay: number;
}

export function makePlan(days: number, endDate: string): Plan {
  const endMs = Date.parse(`${endDate}T00:00:00Z`) + 86_400_000;
  const startMs = endMs - days * 86_400_000;
  return {
    days,
    startMs,
    endMs,
    adStormDay: Math.round(days * 0.22),
    adStormDays: 5,
    redesignDay: Math.round(days * 0.4),
    paymentBreakDay: Math.round(days * 0.6),
    paymentBreakDays: 10,
    productStormDay: Math.round(days * 0.76),
    productStormDays: 12,
    recurringIssueFromDay: Math.max(0, days - 42),
  };
}
