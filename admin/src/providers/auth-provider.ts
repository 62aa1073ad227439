import type { AuthProvider } from 'react-admin';

import { permissionFor } from './access';
import { api } from './http';

export interface StaffSession {
  id: string;
  email: string;
  name: string;
  role: string;
  appId: string;
  appName: string;
  permissions: string[];
}

/**
 * The signed-in admin, read from the api and kept only in memory. The session itself is an
 * httpOnly cookie: nothing secret is ever in reach of the page's scripts or in localStorage.
 */
let current: Promise<StaffSession> | null = null;

function session(): Promise<StaffSession> {
  current ??= api<{ data: StaffSession }>('/session').then((answer) => answer.data);
  current.catch(() => {
    current = null;
  });
  return current;
}

export interface Credentials {
  appId: string;
  email: string;
  password: string;
}

export const authProvider: AuthProvider = {
  async login(credentials: Credentials) {
    const answer = await api<{ data: StaffSession }>('/session', {
      method: 'POST',
      body: credentials,
    });
    current = Promise.resolve(answer.data);
  },
  async logout() {
    current = null;
    await api('/session', { method: 'DELETE' }).catch(() => undefined);
  },
  async checkAuth() {
    await session();
  },
  async checkError(error: { status?: number }) {
    // 403 is a refusal of one action (a role without the right); only 401 ends the session.
    if (error?.status === 401) {
      current = null;
      throw error;
    }
  },
  async getIdentity() {
    const me = await session();
    return { id: me.id, fullName: me.name || me.email, appName: me.appName, role: me.role };
  },
  async getPermissions() {
    return (await session()).permissions;
  },
  async canAccess({ resource, action }) {
    const needed = permissionFor(resource, action);
    if (needed === null) return false;
    const me = await session().catch(() => null);
    return me !== null && me.permissions.includes(needed);
  },
};
