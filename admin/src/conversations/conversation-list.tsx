import {
  BooleanField,
  Datagrid,
  DateField,
  FunctionField,
  List,
  NullableBooleanInput,
  NumberField,
  SearchInput,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';

import { conversationTitle } from './conversation-title';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="type"
    source="type"
    choices={[
      { id: 'direct', name: 'Direct' },
      { id: 'group', name: 'Group' },
    ]}
  />,
  <NullableBooleanInput key="readOnly" source="readOnly" />,
  <TextInput key="memberId" source="memberId" />,
];

export function ConversationList() {
  return (
    <List filters={filters} sort={{ field: 'lastActivityAt', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField source="title" render={conversationTitle} />
        <TextField source="type" />
        <NumberField source="memberCount" />
        <BooleanField source="readOnly" looseValue />
        <FunctionField
          label="Last message"
          sortable={false}
          render={(record) => record.lastMessage?.text ?? ''}
        />
        <DateField source="lastActivityAt" showTime />
      </Datagrid>
    </List>
  );
}
