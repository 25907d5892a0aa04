import { describe, expect, it } from 'vitest';
import { IndexedPageSchema, readIndexedPage } from './indexed-page';
import { IndexedInteractionSchema, listOf } from './schemas';

const statement = listOf(IndexedInteractionSchema);

const interaction = () => ({
  id: 'ba936eb0-1336-4e76-9be3-9efc2d9495ba',
  customerId: 'a8748973-7f40-4333-aabd-12f070af75aa',
  securityGroupId: '09fe9e3e-4e65-4aaa-b97e-b6bf062ebb91',
  data: {
    campaignId: '7cbab576-b3c0-4eab-9c73-00ee1e2e0107',
    contactId: '25c6b13e-739c-4146-812a-f8ecbafc787b',
    listId: 'f1a55217-58de-4050-a45b-e94eb9fcebe4',
    timestamp: '2026-11-12T20:20:25.000Z',
    survey: {
      surveyId: '609972be-2504-4041-9354-df4007b8df16',
      responses: { 'e5fbe701-883b-43af-b8e0-64f36b33e6d0': { questionId: 'e5fbe701-883b-43af-b8e0-64f36b33e6d0', fields: { available: 'false' } } },
    },
    unavailable: true,
    unavailableReason: 'Not home',
    successful: false,
    location: { lat: 42.3061117, lng: -71.05623, confidence: 4 },
    distance: 0.0019,
    walklistId: 'a555ca2f-8084-4c20-95d5-75a34d82a337',
  },
  meta: {
    created: '2026-11-12T21:12:02.000Z',
    createdBy: 'b6b58be9-356e-44bd-93ee-39ac62c5da4f',
    modified: '2026-11-12T21:12:02.000Z',
    modifiedBy: 'b6b58be9-356e-44bd-93ee-39ac62c5da4f',
    resource: 'interactions',
    etag: '7621b8fc-293d-4622',
    isDeleted: false,
  },
});

type Item = ReturnType<typeof interaction> & Record<string, unknown>;
const page = (item: unknown, total: unknown = 1) => ({ data: [interaction(), item], meta: { total } });

/** Changes to one interaction: some the statement takes, some it refuses. */
const changes: [string, (item: Item) => void][] = [
  ['as sent', () => {}],
  ['id not a UUID', (item) => (item.id = 'not-a-uuid')],
  ['id a number', (item) => ((item as Record<string, unknown>).id = 12)],
  ['id of version 0', (item) => (item.id = 'ba936eb0-1336-0e76-9be3-9efc2d9495ba')],
  ['id in capitals', (item) => (item.id = item.id.toUpperCase())],
  ['the nil UUID', (item) => (item.id = '00000000-0000-0000-0000-000000000000')],
  ['no data', (item) => delete (item as Partial<Item>).data],
  ['data an array', (item) => ((item as Record<string, unknown>).data = [])],
  ['contact not a UUID', (item) => (item.data.contactId = 'x')],
  ['no list', (item) => delete (item.data as Partial<Item['data']>).listId],
  ['list null', (item) => ((item.data as Record<string, unknown>).listId = null)],
  ['walklist not a UUID', (item) => (item.data.walklistId = 'walk-1')],
  ['timestamp with an offset', (item) => (item.data.timestamp = '2026-11-12T15:20:25-05:00')],
  ['timestamp without seconds', (item) => (item.data.timestamp = '2026-11-12T20:20Z')],
  ['timestamp a date', (item) => (item.data.timestamp = '2026-11-12')],
  ['timestamp on 30 February', (item) => (item.data.timestamp = '2026-02-30T00:00:00Z')],
  ['timestamp a number', (item) => ((item.data as Record<string, unknown>).timestamp = 1_700_000_000)],
  ['unavailable missing', (item) => delete (item.data as Partial<Item['data']>).unavailable],
  ['unavailable as text', (item) => ((item.data as Record<string, unknown>).unavailable = 'true')],
  ['successful missing', (item) => delete (item.data as Partial<Item['data']>).successful],
  ['successful null', (item) => ((item.data as Record<string, unknown>).successful = null)],
  ['no location', (item) => delete (item.data as Partial<Item['data']>).location],
  ['an empty location', (item) => ((item.data as Record<string, unknown>).location = {})],
  ['location null', (item) => ((item.data as Record<string, unknown>).location = null)],
  ['latitude 91', (item) => (item.data.location.lat = 91)],
  ['latitude as text', (item) => ((item.data.location as Record<string, unknown>).lat = '42.3')],
  ['longitude -181', (item) => (item.data.location.lng = -181)],
  ['confidence below 0', (item) => (item.data.location.confidence = -1)],
  ['distance below 0', (item) => (item.data.distance = -0.1)],
  ['distance as text', (item) => ((item.data as Record<string, unknown>).distance = '0.5')],
  ['no survey', (item) => delete (item.data as Partial<Item['data']>).survey],
  ['no responses', (item) => delete (item.data.survey as Partial<Item['data']['survey']>).responses],
  ['responses an array', (item) => ((item.data.survey as Record<string, unknown>).responses = [])],
  ['a response null', (item) => ((item.data.survey.responses as Record<string, unknown>).q = null)],
  ['a response without fields', (item) => ((item.data.survey.responses as Record<string, unknown>).q = { questionId: 'q' })],
  ['fields an array', (item) => ((item.data.survey.responses as Record<string, unknown>).q = { fields: ['yes'] })],
  ['fields empty', (item) => ((item.data.survey.responses as Record<string, unknown>).q = { fields: {} })],
  ['no meta', (item) => delete (item as Partial<Item>).meta],
  ['no creator', (item) => delete (item.meta as Partial<Item['meta']>).createdBy],
  ['created a number', (item) => ((item.meta as Record<string, unknown>).created = 1)],
  ['no modified', (item) => delete (item.meta as Partial<Item['meta']>).modified],
];

describe('readIndexedPage', () => {
  it.each(changes)('agrees with the schema it stands for: %s', (_, change) => {
    const item = interaction() as Item;
    change(item);
    const expected = statement.safeParse(structuredClone(page(item)));
    const read = IndexedPageSchema.safeParse(structuredClone(page(item)));
    expect(read.success).toBe(expected.success);
    // What the index reads is what the schema would have given it.
    if (expected.success) expect(read.data).toMatchObject({ data: expected.data.data, total: expected.data.meta.total });
  });

  it('names the value at fault by its path', () => {
    const item = interaction();
    item.data.location.lat = 91;
    expect(() => readIndexedPage(page(item))).toThrow('data[1].data.location.lat: latitude must be between -90 and 90');
    const result = IndexedPageSchema.safeParse(page({ ...interaction(), id: 'x' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('data[1].id: must be a UUID');
  });

  it.each([
    ['data not an array', { data: {}, meta: { total: 1 } }],
    ['no meta', { data: [] }],
    ['a negative total', page(interaction(), -1)],
    ['a fractional total', page(interaction(), 1.5)],
    ['a page that is not an object', []],
  ])('refuses a page with %s, as the schema does', (_, body) => {
    expect(statement.safeParse(body).success).toBe(false);
    expect(IndexedPageSchema.safeParse(body).success).toBe(false);
  });
});
