/**
 * A partial date (YYYY, YYYY-MM or YYYY-MM-DD) bound to a react-hook-form field: the form's value,
 * blur and validation error, the error worded by the form's own `message` (its zod keys).
 */
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { PartialDateInput } from './fields';

export function PartialDateField<T extends FieldValues>(props: { control: Control<T>; name: Path<T>; label: string; description?: string; message: (key: string | undefined) => string | undefined }) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <PartialDateInput label={props.label} description={props.description} value={field.value as string} onChange={field.onChange} onBlur={field.onBlur} error={props.message(fieldState.error?.message)} />
      )}
    />
  );
}
