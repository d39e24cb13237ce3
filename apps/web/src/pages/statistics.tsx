import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, type Problem, request } from '../api';
import { DateTime, Loading, ProblemMessage, useLoad, useTerm } from '../ui';

interface Cell {
  value: string;
  count: number | string;
}

interface Statistics {
  generatedAt: string;
  k: number;
  suppressedLabel: string;
  total: number | string;
  tables: { dimension: string; overall: Cell[]; note?: string }[];
}

/** Where a dimension's values are named in the chosen language (others, e.g. age groups, show as they are). */
const VALUE_TERMS: Record<string, string> = {
  exploitationType: 'exploitation',
  sex: 'sexes',
  stage: 'stages',
  referringOrganisationType: 'orgTypes',
  outcome: 'outcomes',
};

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 170;
const CHART_WIDTH = 520;

/** One dimension as horizontal bars (plain SVG); a suppressed cell is a hatched stub labelled as such. */
function Chart({ dimension, cells, suppressedLabel }: { dimension: string; cells: Cell[]; suppressedLabel: string }) {
  const { t } = useTranslation();
  const term = useTerm();
  const largest = Math.max(1, ...cells.map((cell) => (typeof cell.count === 'number' ? cell.count : 0)));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 110;
  const titleId = `chart-${dimension}`;
  return (
    <figure className="chart">
      <figcaption id={titleId}>{term('dimensions', dimension)}</figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${CHART_WIDTH} ${cells.length * BAR_HEIGHT + 4}`}
        width="100%"
        style={{ maxWidth: CHART_WIDTH }}
      >
        <defs>
          <pattern id="suppressed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e6e6e6" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" strokeWidth="2" />
          </pattern>
        </defs>
        {cells.map((cell, index) => {
          const suppressed = typeof cell.count !== 'number';
          const width = suppressed ? 24 : Math.max(2, (Number(cell.count) / largest) * barSpace);
          const y = index * BAR_HEIGHT + 2;
          return (
            <g key={cell.value}>
              <text x={LABEL_WIDTH - 6} y={y + 15} textAnchor="end" fontSize="13" fill="#1a1a1a">
                {term(VALUE_TERMS[dimension] ?? 'dimensionValues', cell.value)}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + 2}
                width={width}
                height={BAR_HEIGHT - 6}
                fill={suppressed ? 'url(#suppressed)' : '#1d5fa8'}
                data-suppressed={suppressed ? 'true' : undefined}
              />
              <text x={LABEL_WIDTH + width + 6} y={y + 15} fontSize="13" fill="#1a1a1a">
                {suppressed ? `${suppressedLabel} (${t('statistics.suppressed')})` : String(cell.count)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{term('dimensions', dimension)}</caption>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell.value}>
              <th scope="row">{term(VALUE_TERMS[dimension] ?? 'dimensionValues', cell.value)}</th>
              <td>
                {typeof cell.count === 'number' ? cell.count : `${suppressedLabel} (${t('statistics.suppressed')})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The analyst's statistics: a chart per dimension, small cells suppressed, and the CSV. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const statistics = useLoad(() => get<Statistics>('/statistics'), []);
  const [problem, setProblem] = useState<Problem | null>(null);

  const download = async () => {
    try {
      const { data } = await request<string>('/statistics?format=csv', { accept: 'text/csv' });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'nrm-statistics.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0 });
    }
  };

  if (!statistics.data) return <Loading problem={statistics.problem} />;
  const data = statistics.data;
  return (
    <section>
      <h1>{t('statistics.title')}</h1>
      <p>
        {t('statistics.total', { total: data.total })} · {t('statistics.generated')}{' '}
        <DateTime value={data.generatedAt} />
      </p>
      <p>{t('statistics.suppressionNote', { k: data.k, label: data.suppressedLabel })}</p>
      <button type="button" className="primary" onClick={() => void download()}>
        {t('statistics.csv')}
      </button>
      <ProblemMessage problem={problem} />
      <div className="charts">
        {data.tables.map((table) => (
          <Chart
            key={table.dimension}
            dimension={table.dimension}
            cells={table.overall}
            suppressedLabel={data.suppressedLabel}
          />
        ))}
      </div>
    </section>
  );
}
