import {
  CreateButton,
  Datagrid,
  DateField,
  DeleteButton,
  List,
  SearchInput,
  SelectField,
  TextField,
  TopToolbar,
} from 'react-admin';

import { modes } from './modes';

const actions = (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

export function BlockedWordList() {
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={actions}
      sort={{ field: 'word', order: 'ASC' }}
      exporter={false}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="word" />
        <SelectField source="mode" choices={modes} />
        <DateField source="createdAt" showTime />
        <DeleteButton mutationMode="pessimistic" redirect={false} />
      </Datagrid>
    </List>
  );
}
