/**
 * The seed's canvassing as shifts, the way people knock: a canvasser takes a
 * neighbourhood list and walks its households street by street, a door every
 * few minutes, in a morning or an afternoon slot. Among the honest shifts a
 * handful of fabricated ones are planted, one of each kind the review queue
 * must find:
 *
 * - `sprint`: porch to porch in seconds, faster than anyone can talk;
 * - `coffee-shop`: households all over the neighbourhood recorded from one table;
 * - `late-night`: doors "knocked" around 23:00 from a car down the street;
 * - `same-answers`: every contact successful and saying exactly the same thing.
 */
import type { Faker } from '@faker-js/faker';

export type PlantedKind = 'sprint' | 'coffee-shop' | 'late-night' | 'same-answers';
export const PLANTED_KINDS: PlantedKind[] = ['sprint', 'coffee-shop', 'late-night', 'same-answers'];

export type PlannedVisit = {
  canvasser: number;
  /** Epoch milliseconds. */
  time: number;
  household: number;
  /** Where the canvasser stood: this far from the household, in this direction (radians). */
  metres: number;
  bearing: number;
  /** Or exactly here (the coffee shop), overriding metres/bearing. */
  at?: [lat: number, lng: number];
  accuracy: number;
  planted?: PlantedKind;
};

type Place = { lat: number; lng: number; list: number };

export type ShiftPlanOptions = {
  faker: Faker;
  households: Place[];
  lists: number;
  canvassers: number;
  visits: number;
  /** Epoch ms of `hours` (fractional) on the campaign's clock, `day` days into the canvassing. */
  instant: (day: number, hours: number) => number;
  /** Day of the week (0 = Sunday) of a canvassing day. */
  weekday: (day: number) => number;
  days: number;
  /** Whether to plant the fabricated shifts (in one campaign of the demo). */
  plant: boolean;
};

const SLOTS = [
  { earliest: 9.75, latest: 10.75, end: 13.75 },
  { earliest: 14.5, latest: 16, end: 20.5 },
];

/** Households of each list in walking order: rows of ~100 m north to south, alternating east and west. */
function walkingOrder(households: Place[], lists: number): number[][] {
  const orders: number[][] = Array.from({ length: lists }, () => []);
  households.forEach((place, i) => orders[place.list]!.push(i));
  const row = (i: number) => Math.floor(households[i]!.lat / 0.0009);
  for (const order of orders) {
    order.sort((a, b) => {
      const ra = row(a);
      const rb = row(b);
      if (ra !== rb) return ra - rb;
      return ra % 2 === 0 ? households[a]!.lng - households[b]!.lng : households[b]!.lng - households[a]!.lng;
    });
  }
  return orders;
}

/** How many canvassers the data set needs so nobody works more than two slots a day. */
export function canvassersFor(visits: number, days: number, minimum: number): number {
  return Math.max(minimum, Math.ceil(visits / (days * SLOTS.length * 22 * 0.6)));
}

export function planShifts(options: ShiftPlanOptions): PlannedVisit[] {
  const { faker, households, days } = options;
  const orders = walkingOrder(households, options.lists).filter((order) => order.length > 0);
  const planned: PlannedVisit[] = [];
  const taken = new Set<string>();
  const honestTarget = options.visits - (options.plant ? plantedSize() : 0);
  // The planted shifts' slots are kept free of honest work, so they stand as shifts of their own.
  if (options.plant) for (const plan of Object.values(PLANTS)) taken.add(`${plan.canvasser}:${days - plan.daysAgo}:${plan.slot}`);

  const freeSlot = (): { canvasser: number; day: number; slot: number } | null => {
    for (let attempt = 0; attempt < 50; attempt++) {
      let day = faker.number.int({ min: 0, max: days - 1 });
      // Weekends are busier.
      const weekday = options.weekday(day);
      if (weekday !== 0 && weekday !== 6 && faker.number.float() < 0.3) day = Math.min(days - 1, day + 6 - weekday);
      const canvasser = faker.number.int({ min: 0, max: options.canvassers - 1 });
      const slot = faker.number.int({ min: 0, max: SLOTS.length - 1 });
      const key = `${canvasser}:${day}:${slot}`;
      if (taken.has(key)) continue;
      taken.add(key);
      return { canvasser, day, slot };
    }
    return null;
  };

  while (planned.length < honestTarget) {
    const where = freeSlot();
    if (!where) break;
    const slot = SLOTS[where.slot]!;
    const order = faker.helpers.arrayElement(orders);
    let at = faker.number.int({ min: 0, max: order.length - 1 });
    const doors = Math.min(honestTarget - planned.length, faker.number.int({ min: 8, max: 36 }));
    let time = options.instant(where.day, faker.number.float({ min: slot.earliest, max: slot.latest }));
    const end = options.instant(where.day, slot.end);
    for (let i = 0; i < doors && time < end; i++) {
      const roll = faker.number.float();
      // Mostly at the door; some GPS tens of metres off; a rare reading far off.
      const metres =
        roll < 0.86
          ? faker.number.float({ min: 2, max: 30 })
          : roll < 0.99
            ? faker.number.float({ min: 30, max: 120 })
            : faker.number.float({ min: 800, max: 3000 });
      planned.push({
        canvasser: where.canvasser,
        time: Math.round(time),
        household: order[at % order.length]!,
        metres,
        bearing: faker.number.float() * 2 * Math.PI,
        accuracy: faker.number.int({ min: 3, max: 65 }),
      });
      at += faker.number.int({ min: 1, max: 3 });
      time += faker.number.int({ min: 100, max: 420 }) * 1000;
    }
  }
  if (options.plant) planned.push(...plant(options, orders));
  return planned;
}

/** Who, when (days before the end, slot) and how much each planted shift is; hour is local. */
const PLANTS: Record<PlantedKind, { canvasser: number; daysAgo: number; slot: number; hour: number; doors: number }> = {
  sprint: { canvasser: 0, daysAgo: 2, slot: 0, hour: 10.1, doors: 30 },
  'coffee-shop': { canvasser: 1, daysAgo: 3, slot: 1, hour: 15.2, doors: 12 },
  'late-night': { canvasser: 2, daysAgo: 2, slot: 2, hour: 22.8, doors: 14 },
  'same-answers': { canvasser: 3, daysAgo: 4, slot: 0, hour: 10.3, doors: 34 },
};
const plantedSize = () => Object.values(PLANTS).reduce((sum, plan) => sum + plan.doors, 0);

const flatMetres = (a: Place, lat: number, lng: number) => Math.hypot((a.lat - lat) * 111320, (a.lng - lng) * 111320 * Math.cos((lat * Math.PI) / 180));

function plant(options: ShiftPlanOptions, orders: number[][]): PlannedVisit[] {
  const { faker, households } = options;
  const out: PlannedVisit[] = [];
  const order = orders.reduce((a, b) => (b.length > a.length ? b : a));
  for (const kind of PLANTED_KINDS) {
    const plan = PLANTS[kind];
    let time = options.instant(options.days - plan.daysAgo, plan.hour);
    const start = faker.number.int({ min: 0, max: order.length - 1 });
    const walk = (i: number) => order[(start + i) % order.length]!;
    if (kind === 'coffee-shop') {
      const cafe = households[walk(0)]!;
      const far = order.filter((h) => flatMetres(households[h]!, cafe.lat, cafe.lng) > 300);
      const chosen = faker.helpers.arrayElements(far.length >= plan.doors ? far : order, plan.doors);
      for (const household of chosen) {
        out.push({
          canvasser: plan.canvasser,
          time: Math.round(time),
          household,
          metres: 0,
          bearing: 0,
          at: [cafe.lat + faker.number.float({ min: -0.00005, max: 0.00005 }), cafe.lng + faker.number.float({ min: -0.00005, max: 0.00005 })],
          accuracy: faker.number.int({ min: 8, max: 20 }),
          planted: kind,
        });
        time += faker.number.int({ min: 240, max: 420 }) * 1000;
      }
      continue;
    }
    for (let i = 0; i < plan.doors; i++) {
      const metres = kind === 'late-night' ? faker.number.float({ min: 380, max: 650 }) : faker.number.float({ min: 2, max: 15 });
      out.push({
        canvasser: plan.canvasser,
        time: Math.round(time),
        household: walk(i),
        metres,
        bearing: faker.number.float() * 2 * Math.PI,
        accuracy: faker.number.int({ min: 5, max: 15 }),
        planted: kind,
      });
      time +=
        (kind === 'sprint'
          ? faker.number.int({ min: 12, max: 25 })
          : kind === 'late-night'
            ? faker.number.int({ min: 100, max: 200 })
            : faker.number.int({ min: 120, max: 300 })) * 1000;
    }
  }
  return out;
}
