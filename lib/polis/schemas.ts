/**
 * The Polis object model, written once. The sandbox validates with these, the
 * API client parses responses with them, and the forms and server actions
 * derive their shapes from them (`.pick`, `.extend`), never a second type.
 *
 * @example
 *   const interaction = InteractionSchema.parse(await response.json());
 *   interaction.data.survey.responses; // Record<questionId, SurveyResponse>
 */
import { z } from 'zod';

export const IdSchema = z.uuid({ error: 'must be a UUID' });

/** ISO 8601 date-time, with an offset or Z; stored and compared as UTC. */
export const TimestampSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

export const MetaSchema = z.object({
  created: z.string(),
  createdBy: z.string(),
  modified: z.string(),
  modifiedBy: z.string(),
  resource: z.string(),
  etag: z.string(),
  isDeleted: z.boolean(),
});
export type Meta = z.infer<typeof MetaSchema>;

/** The `{ id, customerId, securityGroupId, data, meta }` envelope every resource shares. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({
    id: IdSchema,
    customerId: IdSchema,
    securityGroupId: IdSchema,
    data,
    meta: MetaSchema,
  });
}

function buildListOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), meta: z.object({ total: z.number().int().nonnegative() }) });
}
const lists = new WeakMap<z.ZodType, z.ZodType>();

/** A page of `item`s; built once per item schema, since a Polis client is made on every request. */
export function listOf<T extends z.ZodType>(item: T): ReturnType<typeof buildListOf<T>> {
  let list = lists.get(item);
  if (!list) lists.set(item, (list = buildListOf(item)));
  return list as ReturnType<typeof buildListOf<T>>;
}

export const ErrorBodySchema = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// --- Surveys -----------------------------------------------------------------

export const QUESTION_TYPES = ['availability', 'multi-choice', 'multi-select', 'payment', 'pdf', 'scale', 'text', 'verification', 'youtube'] as const;
export const QuestionTypeSchema = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

export const OptionSchema = z.object({
  text: z.string(),
  icon: z.string().optional(),
  tag: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  success: z.boolean().optional(),
  action: z.object({ type: z.enum(['question', 'end']), questionId: IdSchema.optional() }).optional(),
});
export type Option = z.infer<typeof OptionSchema>;

export const ChoiceSchema = z.object({ tag: z.string(), text: z.string(), success: z.boolean().optional() });
export type Choice = z.infer<typeof ChoiceSchema>;

export const QuestionSchema = z
  .object({
    questionId: IdSchema,
    tag: z.string(),
    text: z.string(),
    type: QuestionTypeSchema,
    options: z.array(OptionSchema).default([]),
    choices: z.array(ChoiceSchema).optional(),
    required: z.boolean().default(false),
    multiline: z.boolean().optional(),
    max: z.number().int().positive().optional(),
    keyboard: z.enum(['text', 'email', 'number']).optional(),
    placeholder: z.string().optional(),
  })
  .superRefine((question, ctx) => {
    if (question.type === 'scale' && question.options.length !== 5) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a scale question has exactly five options' });
    }
    if (question.type === 'multi-select' && !question.choices?.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a multi-select question lists its choices' });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

/** Default length limit of a `text` question's answer. */
export const TEXT_ANSWER_DEFAULT_MAX = 256;

export const SurveyDataSchema = z.object({
  name: z.string().min(1),
  campaignId: IdSchema,
  questions: z.array(QuestionSchema),
});
export const SurveySchema = envelope(SurveyDataSchema);
export type Survey = z.infer<typeof SurveySchema>;

// --- Interactions ------------------------------------------------------------

/** A recorded answer value: strings (booleans arrive as "true"/"false"), numbers, or arrays of strings. */
export const FieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);
export type FieldValue = z.infer<typeof FieldValueSchema>;

export const SurveyResponseSchema = z.object({
  questionId: IdSchema,
  fields: z.record(z.string(), FieldValueSchema),
});
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;

export const LocationSchema = z.object({
  lat: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
  lng: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
  confidence: z.number().nonnegative().optional(),
});

export const InteractionDataSchema = z.strictObject({
  campaignId: IdSchema,
  contactId: IdSchema,
  listId: IdSchema.optional(),
  timestamp: TimestampSchema,
  survey: z.object({
    surveyId: IdSchema,
    responses: z.record(z.string(), SurveyResponseSchema).default({}),
  }),
  unavailable: z.boolean(),
  unavailableReason: z.string().max(256).optional(),
  successful: z.boolean().optional(),
  location: LocationSchema.partial({ lat: true, lng: true }).optional(),
  distance: z.number().nonnegative().optional(),
  walklistId: IdSchema.optional(),
});
export type InteractionData = z.infer<typeof InteractionDataSchema>;

export const InteractionSchema = envelope(InteractionDataSchema.extend({ listId: IdSchema }));
export type Interaction = z.infer<typeof InteractionSchema>;

/**
 * What the map's point index reads of an interaction, parsed from the same
 * list responses: a campaign's first index takes hundreds of thousands, and
 * checking what the index never reads (tenant and survey ids, each answer's
 * shape, which it only turns into text) was half of a page's parse time.
 * Every `Interaction` is one.
 */
export const IndexedInteractionSchema = z.object({
  id: IdSchema,
  data: z.object({
    ...InteractionDataSchema.pick({
      contactId: true,
      listId: true,
      walklistId: true,
      timestamp: true,
      unavailable: true,
      successful: true,
      location: true,
      distance: true,
    }).shape,
    // The index turns each answer into text: what it needs of `fields` is an object, not each value's shape.
    survey: z.object({
      responses: z
        .record(
          z.string(),
          z.object({
            fields: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be an object'),
          }),
        )
        .default({}),
    }),
  }),
  meta: MetaSchema.pick({ created: true, createdBy: true, modified: true }),
});
export type IndexedInteraction = z.infer<typeof IndexedInteractionSchema>;

/** The body of `POST /v1/interactions`: `meta` is ignored, the tenant fields are optional. */
export const CreateInteractionSchema = z.object({
  id: IdSchema.optional(),
  customerId: IdSchema.optional(),
  securityGroupId: IdSchema.optional(),
  data: InteractionDataSchema,
  meta: z.unknown().optional(),
});
export type CreateInteraction = z.infer<typeof CreateInteractionSchema>;

// --- Contacts ----------------------------------------------------------------

export const GeoPointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});

export const ContactDataSchema = z.strictObject({
  listId: IdSchema,
  profile: z.object({
    name: z.object({
      title: z.string().optional(),
      first: z.string().min(1),
      middle: z.string().optional(),
      last: z.string().min(1),
      suffix: z.string().optional(),
    }),
    address: z.object({
      formatted: z.string().optional(),
      streetAddress: z
        .object({
          formatted: z.string().optional(),
          route: z.string().optional(),
          number: z.string().optional(),
          unit: z.string().optional(),
          unitType: z.string().optional(),
        })
        .optional(),
      city: z.string().optional(),
      county: z.string().optional(),
      state: z.string().optional(),
      postalCode: z.string().optional(),
      country: z.string().optional(),
      neighborhood: z.string().optional(),
      position: GeoPointSchema.optional(),
    }),
    email: z.email().optional(),
    phone: z.array(z.string()).optional(),
    gender: z.enum(['d', 'f', 'm', 'n', 'o']).optional(),
    languages: z.array(z.string()).optional(),
    birthdate: z.iso.date().optional(),
    age: z.number().int().nonnegative().optional(),
  }),
  notes: z.string().max(2048).optional(),
  fields: z.record(z.string(), FieldValueSchema),
  reservation: z.object({ reserved: z.boolean(), walklistId: IdSchema.optional() }).optional(),
  contacted: z.boolean().optional(),
});
export const ContactSchema = envelope(ContactDataSchema);
export type Contact = z.infer<typeof ContactSchema>;

// --- Campaigns, lists, users -------------------------------------------------

export const CampaignDataSchema = z.object({
  name: z.string().min(1),
  organizationId: IdSchema,
  status: z.enum(['pending', 'started', 'complete']),
  description: z.string().optional(),
  lists: z.array(z.object({ listId: IdSchema, type: z.enum(['normal', 'high-priority', 'do-not-knock']).optional() })).default([]),
});
export const CampaignSchema = envelope(CampaignDataSchema);
export type Campaign = z.infer<typeof CampaignSchema>;

export const ListDataSchema = z.object({
  name: z.string().min(1),
  organizationId: IdSchema,
  description: z.string().optional(),
});
export const ListSchema = envelope(ListDataSchema).extend({ contactsCount: z.number().int().nonnegative().optional() });
export type List = z.infer<typeof ListSchema>;

export const UserDataSchema = z.object({
  email: z.email(),
  status: z.string().optional(),
  profile: z.object({ name: z.string().optional(), phone: z.array(z.string()).optional() }).optional(),
});
export const UserSchema = envelope(UserDataSchema);
export type User = z.infer<typeof UserSchema>;

export const PERMISSIONS = [
  'read@interactions',
  'insert@interactions',
  'modify@interactions',
  'read@contacts',
  'modify@contacts',
  'read@surveys',
  'read@campaigns',
  'read@lists',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

/** `GET /v1/users/me`: the sandbox's addition, the caller with organization, role and permissions. */
export const MeSchema = UserSchema.extend({
  organization: z.object({ id: IdSchema, name: z.string() }),
  role: z.string(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

// --- JSON Patch ----------------------------------------------------------------

export const PatchOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('replace'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('test'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
  z.object({ op: z.literal('move'), path: z.string(), from: z.string() }),
  z.object({ op: z.literal('copy'), path: z.string(), from: z.string() }),
]);
export type PatchOperation = z.infer<typeof PatchOperationSchema>;

export const PatchBodySchema = z.strictObject({ data: z.array(PatchOperationSchema) });
