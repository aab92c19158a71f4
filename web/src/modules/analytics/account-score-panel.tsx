import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { formatMoney, formatDate } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { type AccountScore, type HealthFactor, useAccountScore } from './analytics.api.ts';
import './analytics.css';

const healthTone = (health: number): BadgeTone => (health >= 70 ? 'success' : health >= 40 ? 'warning' : 'danger');

/** Health, segment, p(alive), expected next order and CLV of one account, and the factors behind its health. */
export function AccountScorePanel({ accountId }: { accountId: string }) {
  const score = useAccountScore(accountId);
  return (
    <section className="card panel" aria-labelledby="score-heading" data-testid="account-score">
      <h2 id="score-heading">Health and value</h2>
      {score.isPending ? <Loading>Loading score…</Loading> : null}
      {score.isError ? <ErrorMessage error={score.error} title="Could not load the score." /> : null}
      {score.isSuccess && !score.data.scored ? <EmptyState>{score.data.message}</EmptyState> : null}
      {score.isSuccess && score.data.scored ? <ScoreDetails score={score.data} /> : null}
    </section>
  );
}

function ScoreDetails({ score }: { score: AccountScore }) {
  return (
    <>
      <dl className="score-facts">
        <div>
          <dt>Health</dt>
          <dd>
            <span className="health-number">{score.health}</span> / 100{' '}
            <Badge tone={healthTone(score.health)}>{score.health >= 70 ? 'Healthy' : score.health >= 40 ? 'Watch' : 'At risk'}</Badge>
          </dd>
        </div>
        <div>
          <dt>Segment</dt>
          <dd>{`${score.segment_label} (R${score.r_score} F${score.f_score} M${score.m_score})`}</dd>
        </div>
        <div>
          <dt>Still a customer, p(alive)</dt>
          <dd>{score.p_alive === null ? 'Not modelled yet' : `${Math.round(score.p_alive * 100)} %`}</dd>
        </div>
        <div>
          <dt>Next order expected</dt>
          <dd>
            {score.next_expected_order_on ? formatDate(score.next_expected_order_on) : 'No rhythm yet'}
            {score.late ? (
              <>
                {' '}
                <Badge tone="danger">Late</Badge>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>CLV</dt>
          <dd>{score.clv === null ? 'Not modelled yet' : formatMoney(score.clv)}</dd>
        </div>
        <div>
          <dt>Orders · revenue</dt>
          <dd>{`${score.orders} · ${formatMoney(score.monetary)}`}</dd>
        </div>
        <ServiceFacts factors={score.health_factors} />
      </dl>
      <h3>Why this health score</h3>
      <ul className="factor-list" data-testid="health-factors">
        {score.health_factors.map((factor) => (
          <li key={factor.key} className="factor">
            <div className="factor__head">
              <span>{factor.label}</span>
              <span>{factor.score === null ? 'not counted' : `+${factor.points} pts`}</span>
            </div>
            {factor.score === null ? null : (
              <div className="factor__bar" aria-hidden="true">
                <span style={{ width: `${factor.score}%` }} />
              </div>
            )}
            <p className="factor__detail">
              {factor.score === null ? factor.detail : `Scores ${factor.score}/100 at weight ${factor.weight}. ${factor.detail}`}
            </p>
          </li>
        ))}
      </ul>
      <p className="muted score-as-of">{`As of ${formatDate(score.as_of)}.`}</p>
    </>
  );
}

const npsTone = (score: number): BadgeTone => (score >= 9 ? 'success' : score >= 7 ? 'warning' : 'danger');
const npsGroup = (score: number) => (score >= 9 ? 'Promoter' : score >= 7 ? 'Passive' : 'Detractor');
const daysAgo = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);

/** Open issues and the last NPS answer at a glance; absent for scores written before these factors existed. */
function ServiceFacts({ factors }: { factors: HealthFactor[] }) {
  const issues = factors.find((f) => f.key === 'service_issues');
  const nps = factors.find((f) => f.key === 'last_nps');
  return (
    <>
      {issues?.open_issues ? (
        <div>
          <dt>Open service issues</dt>
          <dd>
            {issues.open_issues.open === 0 ? 'None' : issues.open_issues.open}
            {issues.open_issues.breached > 0 ? (
              <>
                {' '}
                <Badge tone="danger">{`${issues.open_issues.breached} past SLA`}</Badge>
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
      {nps ? (
        <div>
          <dt>Last NPS answer</dt>
          <dd>
            {nps.last_nps ? (
              <>
                {`${nps.last_nps.score} of 10, ${daysAgo(nps.last_nps.days_ago)} `}
                <Badge tone={npsTone(nps.last_nps.score)}>{npsGroup(nps.last_nps.score)}</Badge>
              </>
            ) : (
              'No answer yet'
            )}
          </dd>
        </div>
      ) : null}
    </>
  );
}
