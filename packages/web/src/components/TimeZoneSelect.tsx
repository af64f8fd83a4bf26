import { useMemo, type ReactNode, type SelectHTMLAttributes } from 'react';
import { SelectField } from './Field';

function allZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

type Props = { error?: string; hint?: ReactNode; value: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value'>;

export function TimeZoneSelect({ error, value, ...rest }: Props) {
  const zones = useMemo(() => {
    const list = allZones();
    // Keep a stored zone the browser doesn't list selectable, so saving doesn't change it.
    return value && !list.includes(value) ? [value, ...list] : list;
  }, [value]);
  return (
    <SelectField label="Time zone" error={error} value={value} {...rest}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}
