import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import '../analytics/analytics.css';
import '../service/service.css';
import { ScoreChart } from './score-chart.tsx';
import { kindLabels, type SurveyKind, useSurveyReport, useVerbatims } from './surveys.api.ts';
import { PageHeader } from '../../ui/page-header.tsx';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

function Verbatims({ kind }: { kind: SurveyKind }) {
  const list = useVerbatims(kind);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card panel" aria-labelledby="verbatims-heading">
      <h2 id="verbatims-heading">What customers wrote</h2>
      {list.isPending ? <Loading>Loading comments…</Loading> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load comments." /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState>No comments yet.</EmptyState> : null}
      <ul className="item-list" data-testid="verbatims">
        {items.map((v) => (
          <li key={v.invite_id}>
            <div className="item-list__head">
              <Link to={`/accounts/${encodeURIComponent(v.account_id)}`}>{v.account_name}</Link>
              <span className="muted">{`${v.score} · ${formatDate(v.answered_at)}`}</span>
            </div>
            <blockquote className="verbatim">{v.comment}</blockquote>
          </li>
        ))}
      </ul>
      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </section>
  );
}

export function SurveysPage() {
  const [kind, setKind] = useState<SurveyKind>('nps');
  const report = useSurveyReport(kind);
  const data = report.data;
  return (
    <>
      <title>Surveys · Afterclose</title>
      <PageHeader title="Surveys" description="The last 12 months of answers." actions={<fieldset className="toggle-group">
          <legend>Survey</legend>
          {(['nps', 'csat'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" name="survey-kind" checked={kind === value} onChange={() => setKind(value)} />
              {kindLabels[value]}
            </label>
          ))}
        </fieldset>} />
      {report.isPending ? <Loading>Loading survey results…</Loading> : null}
      {report.isError ? <ErrorMessage error={report.error} title="Could not load survey results." /> : null}
      {data ? (
        <div className="analytics-grid">
          <section className="card panel" aria-labelledby="score-heading">
            <h2 id="score-heading">{kind === 'nps' ? 'Net Promoter Score' : 'Customer satisfaction'}</h2>
            <dl className="stat-tiles">
              <div>
                <dt>{kind === 'nps' ? 'NPS' : '% satisfied'}</dt>
                <dd data-testid="survey-score">{data.summary.score ?? '–'}</dd>
              </div>
              <div>
                <dt>Response rate</dt>
                <dd>{percent(data.summary.response_rate)}</dd>
              </div>
              <div>
                <dt>Answers (invited)</dt>
                <dd>{`${data.summary.responses} (${data.summary.invites})`}</dd>
              </div>
            </dl>
            {data.months.length > 0 ? <ScoreChart kind={kind} months={data.months} /> : <EmptyState>No answers yet.</EmptyState>}
          </section>
          <Verbatims kind={kind} />
        </div>
      ) : null}
    </>
  );
}
