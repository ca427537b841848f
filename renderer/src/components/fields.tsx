/**
 * Form fields: React Aria components (labels, descriptions, errors and keyboard behaviour wired
 * for accessibility) styled by app.css. Each is controlled, so react-hook-form's Controller or
 * plain state can drive it.
 */
import type { Key } from 'react-aria-components';
import {
  Button,
  Checkbox,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Tag,
  TagGroup,
  TagList,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Ref } from 'react';

interface FieldBase {
  label: string;
  description?: string;
  /** The error to show under the field; the field is marked invalid while it is set. */
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  className?: string;
  name?: string;
}

/** A one-line text field. */
export function TextInput(
  props: FieldBase & { value: string; onChange: (value: string) => void; onBlur?: () => void; inputRef?: Ref<HTMLInputElement>; type?: 'text' | 'search'; autoFocus?: boolean; placeholder?: string },
) {
  return (
    <TextField
      className={`field ${props.className ?? ''}`}
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      isInvalid={!!props.error}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      autoFocus={props.autoFocus}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <Input ref={props.inputRef} type={props.type ?? 'text'} placeholder={props.placeholder} />
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{props.error}</FieldError>
    </TextField>
  );
}

/** A multi-line text field. */
export function TextAreaInput(props: FieldBase & { value: string; onChange: (value: string) => void; onBlur?: () => void; rows?: number }) {
  return (
    <TextField
      className={`field ${props.className ?? ''}`}
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      isInvalid={!!props.error}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <TextArea rows={props.rows ?? 3} />
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{props.error}</FieldError>
    </TextField>
  );
}

/** A partial date typed as YYYY, YYYY-MM or YYYY-MM-DD (shown exactly as typed, never widened). */
export function PartialDateInput(props: FieldBase & { value: string; onChange: (value: string) => void; onBlur?: () => void }) {
  const { t } = useTranslation();
  return <TextInput {...props} className={`field-date ${props.className ?? ''}`} description={props.description ?? t('field.dateHint')} placeholder={t('field.datePlaceholder')} />;
}

export interface Option {
  id: string;
  label: string;
  /** Extra text the combo box filter matches (former names...). */
  searchText?: string;
}

const NONE = '__none__';

/** A drop-down list with one choice; `noneLabel` adds a first option that clears it (null). */
export function SelectInput(props: FieldBase & { value: string | null; onChange: (value: string | null) => void; options: readonly Option[]; noneLabel?: string; placeholder?: string }) {
  const items = props.noneLabel ? [{ id: NONE, label: props.noneLabel }, ...props.options] : props.options;
  return (
    <Select
      className={`field select ${props.className ?? ''}`}
      name={props.name}
      value={props.value ?? (props.noneLabel ? NONE : null)}
      onChange={(key: Key | null) => props.onChange(key === null || key === NONE ? null : String(key))}
      isInvalid={!!props.error}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      placeholder={props.placeholder}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{props.error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={items}>
          {(item) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A drop-down list with several choices (filters). */
export function MultiSelectInput(props: FieldBase & { value: readonly string[]; onChange: (value: string[]) => void; options: readonly Option[]; placeholder?: string }) {
  return (
    <Select
      className={`field select ${props.className ?? ''}`}
      selectionMode="multiple"
      value={props.value}
      onChange={(keys) => props.onChange(keys.map(String))}
      placeholder={props.placeholder}
      isDisabled={props.isDisabled}
    >
      <Label>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      {props.description && <Text slot="description">{props.description}</Text>}
      <Popover className="popover">
        <ListBox className="listbox" items={props.options}>
          {(item) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.label}>
              {({ isSelected }) => (
                <>
                  <span className="check" aria-hidden="true">
                    {isSelected ? '✓' : ''}
                  </span>
                  {item.label}
                </>
              )}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** Folds case and accents for the combo box filter ("cote" finds "Côte d'Ivoire"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .toLowerCase();
}

/** A searchable list with one choice (States, mandates, holders). */
export function ComboInput(
  props: FieldBase & { value: string | null; onChange: (value: string | null) => void; onBlur?: () => void; options: readonly Option[]; placeholder?: string; autoFocus?: boolean },
) {
  const { t } = useTranslation();
  // The filter sees only the item's text; extra search text (former names) is looked up by it.
  const extra = new Map(props.options.map((o) => [o.label, fold(`${o.label} ${o.searchText ?? ''}`)]));
  return (
    <ComboBox
      // remounted once the options arrive, so a value chosen before (from the address) shows its text
      key={props.options.length === 0 ? 'loading' : 'ready'}
      className={`field combo ${props.className ?? ''}`}
      name={props.name}
      value={props.value}
      onChange={(key: Key | null) => props.onChange(key === null ? null : String(key))}
      onBlur={props.onBlur}
      defaultItems={props.options}
      defaultFilter={(textValue, input) => (extra.get(textValue) ?? fold(textValue)).includes(fold(input.trim()))}
      isInvalid={!!props.error}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      menuTrigger="focus"
      autoFocus={props.autoFocus}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <div className="combo-input">
        <Input placeholder={props.placeholder} />
        <Button className="combo-button" aria-label={t('field.showOptions')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{props.error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <div className="listbox-empty">{t('field.noMatch')}</div>}>
          {(item: Option) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** A check box with its label. */
export function CheckboxInput(props: { label: string; value: boolean; onChange: (value: boolean) => void; isDisabled?: boolean; className?: string }) {
  return (
    <Checkbox className={`checkbox ${props.className ?? ''}`} isSelected={props.value} onChange={props.onChange} isDisabled={props.isDisabled}>
      {({ isSelected }) => (
        <>
          <span className="checkbox-box" aria-hidden="true">
            {isSelected ? '✓' : ''}
          </span>
          {props.label}
        </>
      )}
    </Checkbox>
  );
}

/** Several choices from a long searchable list, shown as removable tags (mandates, States). */
export function TagPicker(props: {
  label: string;
  addPlaceholder: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  options: readonly Option[];
  error?: string;
  removeLabel: (name: string) => string;
  className?: string;
}) {
  const labels = new Map(props.options.map((o) => [o.id, o.label]));
  return (
    <div className={`tag-filter ${props.className ?? ''}`}>
      <ComboInput
        key={props.value.join(',')}
        label={props.label}
        placeholder={props.addPlaceholder}
        value={null}
        error={props.error}
        onChange={(v) => v && props.onChange([...new Set([...props.value, v])])}
        options={props.options.filter((o) => !props.value.includes(o.id))}
      />
      {props.value.length > 0 && (
        <TagGroup aria-label={props.label} onRemove={(keys) => props.onChange(props.value.filter((v) => !keys.has(v)))} className="tag-line">
          <TagList className="tags">
            {props.value.map((id) => {
              const label = labels.get(id) ?? id;
              return (
                <Tag className="tag" id={id} key={id} textValue={label}>
                  {label}
                  <Button slot="remove" className="tag-remove" aria-label={props.removeLabel(label)}>
                    ×
                  </Button>
                </Tag>
              );
            })}
          </TagList>
        </TagGroup>
      )}
    </div>
  );
}
