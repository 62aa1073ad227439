import { addMembers, listMembers, removeMember, setMemberRole } from '../domain/groups.js';
import type { Handlers } from './handler.js';

export const memberHandlers: Handlers<
  'member.list' | 'member.add' | 'member.remove' | 'member.setRole'
> = {
  'member.list': listMembers,
  'member.add': addMembers,
  'member.remove': removeMember,
  'member.setRole': setMemberRole,
};
