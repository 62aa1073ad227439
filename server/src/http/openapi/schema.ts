import { z } from 'zod';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, unknown>;
  required?: string[];
};

/**
 * A request schema as JSON Schema, for what a client sends (`io: input`): defaults are
 * optional. Refinements and transforms have no JSON Schema; they are left out, and the
 * server still applies them. Fields named in `without` (path parameters) are dropped.
 */
export function jsonSchemaOf(schema: z.ZodType, without: string[] = []): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  for (const name of without) {
    delete json.properties?.[name];
    if (json.required) json.required = json.required.filter((field) => field !== name);
  }
  if (json.required?.length === 0) delete json.required;
  return json;
}

/** Each property of an object schema as a query parameter. */
export function queryParameters(schema: JsonSchema) {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}
