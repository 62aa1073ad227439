export const modes = [
  { id: 'refuse', name: 'Refuse the message' },
  { id: 'mask', name: 'Mask the word (***)' },
];
