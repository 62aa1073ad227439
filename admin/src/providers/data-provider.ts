import type { DataProvider, Identifier, RaRecord } from 'react-admin';

import { api } from './http';

type ListAnswer = { data: RaRecord[]; total: number };
type OneAnswer = { data: RaRecord };

const one = (resource: string, id: Identifier) => `/${resource}/${encodeURIComponent(String(id))}`;

function listPath(
  resource: string,
  range: { start: number; end: number },
  sort: { field: string; order: string } | undefined,
  filter: Record<string, unknown>,
) {
  const params = new URLSearchParams({
    start: String(range.start),
    end: String(range.end),
    filter: JSON.stringify(filter),
  });
  if (sort?.field) {
    params.set('sort', sort.field);
    params.set('order', sort.order === 'DESC' ? 'DESC' : 'ASC');
  }
  return `/${resource}?${params}`;
}

/** Runs one POST action on a record, such as `users/:id/ban`; answers the changed record. */
export async function recordAction(
  resource: string,
  id: Identifier,
  action: string,
  body: object = {},
): Promise<RaRecord> {
  const answer = await api<OneAnswer>(`${one(resource, id)}/${action}`, { method: 'POST', body });
  return answer.data;
}

/**
 * react-admin's data provider over the admin API: lists answer `{ data, total }` for
 * `?sort&order&start&end&filter`, records `{ data }`.
 */
export const dataProvider: DataProvider = {
  async getList(resource, params) {
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    const range = { start: (page - 1) * perPage, end: page * perPage };
    return api<ListAnswer>(listPath(resource, range, params.sort, params.filter ?? {})) as never;
  },
  async getOne(resource, params) {
    return api<OneAnswer>(one(resource, params.id)) as never;
  },
  async getMany(resource, params) {
    const range = { start: 0, end: params.ids.length };
    const answer = await api<ListAnswer>(listPath(resource, range, undefined, { id: params.ids }));
    return { data: answer.data } as never;
  },
  async getManyReference(resource, params) {
    const { page, perPage } = params.pagination;
    const range = { start: (page - 1) * perPage, end: page * perPage };
    const filter = { ...params.filter, [params.target]: params.id };
    return api<ListAnswer>(listPath(resource, range, params.sort, filter)) as never;
  },
  async create(resource, params) {
    return api<OneAnswer>(`/${resource}`, { method: 'POST', body: params.data }) as never;
  },
  async update(resource, params) {
    return api<OneAnswer>(one(resource, params.id), { method: 'PUT', body: params.data }) as never;
  },
  async updateMany(resource, params) {
    for (const id of params.ids) await api(one(resource, id), { method: 'PUT', body: params.data });
    return { data: params.ids } as never;
  },
  async delete(resource, params) {
    return api<OneAnswer>(one(resource, params.id), { method: 'DELETE' }) as never;
  },
  async deleteMany(resource, params) {
    for (const id of params.ids) await api(one(resource, id), { method: 'DELETE' });
    return { data: params.ids } as never;
  },
};
