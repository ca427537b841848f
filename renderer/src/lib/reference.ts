/** Reads of the reference lists that many screens need, and their options for fields. */
import { useMemo } from 'react';
import { useApiQuery } from './api';
import type { Option } from '../components/fields';

/** All mandates (with holders), sorted by title. */
export function useMandates() {
  return useApiQuery('mandates:list', {}, { staleTime: 60_000 });
}

/** All States and territories, sorted by name. */
export function useStates() {
  return useApiQuery('states:list', {}, { staleTime: 60_000 });
}

/** The user's settings (my mandates, letter language). */
export function useSettings() {
  return useApiQuery('settings:get', {});
}

/** A mandate's label: its short name when it has one, else its title. */
export function mandateLabel(m: { title: string; short_name?: string | null }): string {
  return m.short_name ? `${m.short_name} — ${m.title}` : m.title;
}

/** Options for a mandate field. */
export function useMandateOptions(): Option[] {
  const { data } = useMandates();
  return useMemo(() => (data ?? []).map((m) => ({ id: String(m.id), label: mandateLabel(m) })), [data]);
}

/** Options for a State field; former names are searchable ("turkey" finds Türkiye). */
export function useStateOptions(): Option[] {
  const { data } = useStates();
  return useMemo(() => (data ?? []).map((s) => ({ id: s.code, label: s.name_en, searchText: s.formerNames.map((f) => f.name).join(' ') })), [data]);
}
