/**
 * The Indicators screen's pictures: bar charts drawn with visx (plain SVG elements, no injected
 * styles: the page's CSP allows no inline style) and a world map of cooperation drawn offline
 * from world-atlas (TopoJSON bundled by Vite) with d3-geo, each path rendered by React.
 * Every picture is an img with a text alternative; the figures themselves are in the tables.
 */
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import type { StateRow } from '../../../db/indicators';

export interface BarDatum {
  key: string;
  label: string;
  /** One value per series. */
  values: number[];
}

/**
 * A horizontal bar chart, stacked when there are several series. Labels on the left, the total
 * at the end of each bar; colours come from app CSS classes (chart-series-0, -1...).
 */
export function HorizontalBars(props: { title: string; description: string; data: BarDatum[]; series: string[]; width?: number; labelWidth?: number; percent?: boolean }) {
  const width = props.width ?? 560;
  const labelWidth = props.labelWidth ?? 190;
  const rowHeight = 26;
  /** Characters of a label that fit on its left (about 6.2 px each at 12 px). */
  const maxChars = Math.floor((labelWidth - 10) / 6.2);
  const top = props.series.length > 1 ? 26 : 6;
  const height = top + props.data.length * rowHeight + 6;
  const max = Math.max(1, ...props.data.map((d) => d.values.reduce((a, b) => a + b, 0)));
  const x = scaleLinear<number>({ domain: [0, props.percent ? 100 : max], range: [0, width - labelWidth - 56] });
  const y = scaleBand<string>({ domain: props.data.map((d) => d.key), range: [top, height - 6], padding: 0.22 });
  const id = `chart-${props.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`} className="chart-title">
        {props.title}
      </figcaption>
      <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
        <desc id={`${id}-desc`}>{props.description}</desc>
        {props.series.length > 1 && (
          <Group top={4} left={labelWidth}>
            {props.series.map((s, i) => (
              <g key={s} transform={`translate(${i * 150},0)`}>
                <rect width={12} height={12} className={`chart-series-${i}`} />
                <text x={17} y={10} className="chart-legend">
                  {s}
                </text>
              </g>
            ))}
          </Group>
        )}
        {props.data.map((d) => {
          const band = y(d.key) ?? 0;
          let offset = 0;
          const total = d.values.reduce((a, b) => a + b, 0);
          return (
            <g key={d.key}>
              <text x={labelWidth - 8} y={band + y.bandwidth() / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">
                {d.label.length > maxChars ? `${d.label.slice(0, maxChars - 1)}…` : d.label}
                <title>{d.label}</title>
              </text>
              {d.values.map((v, i) => {
                const w = x(v);
                const bar = <Bar key={i} x={labelWidth + offset} y={band} width={Math.max(0, w)} height={y.bandwidth()} className={`chart-series-${i}`} />;
                offset += w;
                return bar;
              })}
              <text x={labelWidth + offset + 6} y={band + y.bandwidth() / 2} className="chart-value" dominantBaseline="middle">
                {props.percent ? `${Math.round(total)} %` : total}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

type Cooperation = 'visited' | 'never' | 'other';

const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const world = feature(topology, topology.objects.countries);
const WIDTH = 960;
const HEIGHT = 470;
const projection = geoEqualEarth().fitExtent(
  [
    [4, 4],
    [WIDTH - 4, HEIGHT - 4],
  ],
  world,
);
const path = geoPath(projection);
/** The country outlines once: [alpha-3 code or null, map name, SVG path]. */
const SHAPES = world.features
  .map((f) => ({ code: f.id === undefined ? null : (countries.numericToAlpha3(String(f.id)) ?? null), name: f.properties?.name ?? '', d: path(f) ?? '' }))
  .filter((s) => s.d !== '');

/** The world map coloured by cooperation as of the end of the reporting year. */
export function CooperationMap(props: { rows: readonly StateRow[] }) {
  const { t } = useTranslation();
  const byCode = useMemo(() => new Map(props.rows.map((r) => [r.code, r])), [props.rows]);
  const members = props.rows.filter((r) => r.kind === 'member');
  const visited = members.filter((r) => r.visited).length;
  const standing = props.rows.filter((r) => r.standingInvitationAsOf).length;
  const state = (code: string | null): Cooperation => {
    const row = code ? byCode.get(code) : undefined;
    if (!row || row.kind !== 'member') return 'other';
    return row.visited ? 'visited' : 'never';
  };
  return (
    <figure className="map">
      <svg className="map-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="map-title map-desc">
        <title id="map-title">{t('indicators.map')}</title>
        <desc id="map-desc">{t('indicators.mapDesc', { visited, never: members.length - visited, standing })}</desc>
        <defs>
          <pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="5" className="map-hatch-line" />
          </pattern>
        </defs>
        {SHAPES.map((s, i) => (
          <path key={`${s.code ?? 'x'}-${i}`} d={s.d} className={`map-state map-${state(s.code)}`}>
            <title>{byCode.get(s.code ?? '')?.name ?? s.name}</title>
          </path>
        ))}
        {SHAPES.filter((s) => s.code && byCode.get(s.code)?.standingInvitationAsOf).map((s, i) => (
          <path key={`si-${s.code}-${i}`} d={s.d} className="map-standing" aria-hidden="true" />
        ))}
      </svg>
      <figcaption className="legend">
        <span className="legend-item">
          <span className="swatch map-visited" aria-hidden="true" />
          {t('indicators.legendVisited')}
        </span>
        <span className="legend-item">
          <span className="swatch map-never" aria-hidden="true" />
          {t('indicators.legendNever')}
        </span>
        <span className="legend-item">
          <span className="swatch swatch-standing" aria-hidden="true" />
          {t('indicators.legendStanding')}
        </span>
        <span className="legend-item">
          <span className="swatch map-other" aria-hidden="true" />
          {t('indicators.legendOther')}
        </span>
      </figcaption>
    </figure>
  );
}
