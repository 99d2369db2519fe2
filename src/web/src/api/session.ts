import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../contract/permissions';
import type { Jurisdiction, SessionInfo } from '../../../contract/schemas/auth';
import { api, ApiError, rememberSession } from './client';

const KEY = ['session'];

/** The signed-in session, or null when there is none. */
export function useSession() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => {
      try {
        const info = await api<SessionInfo>('GET', '/auth/me');
        rememberSession(info);
        return info;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          rememberSession(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the signed-in user holds a permission (the list the server sent with the session). */
export function useCan(): (permission: Permission) => boolean {
  const permissions = useSession().data?.user.permissions;
  return (permission) => permissions?.includes(permission) ?? false;
}

/**
 * Where the platform sits in the region tree (its city, the province above, the counties below), from
 * the session; the console never names a region code of its own. Empty until the session has loaded.
 */
export function useJurisdiction(): Jurisdiction {
  return useSession().data?.jurisdiction ?? { home: '', parent: null, units: [] };
}

export function useSessionActions() {
  const client = useQueryClient();
  return {
    async login(username: string, password: string) {
      const info = await api<SessionInfo>('POST', '/auth/login', { username, password });
      rememberSession(info);
      client.setQueryData(KEY, info);
      return info;
    },
    async logout() {
      await api('POST', '/auth/logout').catch(() => undefined);
      rememberSession(null);
      client.clear();
      client.setQueryData(KEY, null);
    },
    async changePassword(currentPassword: string, newPassword: string) {
      await api('POST', '/auth/password', { currentPassword, newPassword });
      await client.invalidateQueries({ queryKey: KEY });
    },
  };
}
