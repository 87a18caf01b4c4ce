// A customer's experience side of the 360° profile: the experience and engagement scores with
// the signals behind them (points that add up to each score, as `cxlens score explain`), the
// quadrant and the action it implies, and the survey history with its fatigue figures.
import type { ScoreExplanationResponse } from '../../../src/api/routes/scores.js';
import type { Json } from '../api-client.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtDay, fmtNumber, fmtPct } from '../format.js';
import { labelOf } from '../labels.js';
import { useApi } from '../use-api.js';

type Explanation = Json<ScoreExplanationResponse>;
type Contribution = Explanation['experience']['contributions'][number];

function Contributions({ rows, unit }: { rows: Contribution[]; unit: string }) {
  const shown = rows.filter((c) => Math.abs(c.points) >= 0.05).sort((a, b) => a.points - b.points);
  if (shown.length === 0) return <p className="muted">No signals in the scoring window.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Signal</th>
          <th className="num">Times</th>
          <th>Latest</th>
          <th className="num">{unit}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((c) => (
          <tr key={c.signal} data-signal={c.signal}>
            <td>{labelOf(c.signal)}</td>
            <td className="num">{fmtNumber(c.n)}</td>
            <td>{fmtDay(c.lastAt)}</td>
            <td className={`num ${c.points < 0 ? 'bad' : 'good'}`}>
              {c.points > 0 ? '+' : ''}
              {c.points.toFixed(1)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Scores({ personId }: { personId: string }) {
  const result = useApi<'/api/scores/:personId'>(`/api/scores/${encodeURIComponent(personId)}`);
  return (
    <Card
      title="Experience and engagement"
      subtitle="Scores 0–100 with recency decay; each line is a signal's points, and they add up to the score"
      testId="person-scores"
    >
      <Async state={result}>
        {(d) => {
          const recovery = d.experience.score < 50;
          return (
            <>
              <p>
                Experience <strong data-score="experience">{d.experience.score.toFixed(1)}</strong>
                {' · '}engagement{' '}
                <strong data-score="engagement">{d.engagement.score.toFixed(1)}</strong>
                {' · '}voice {fmtNumber(d.voice.total)}
                {' · '}
                <span className="badge">{labelOf(d.quadrant)}</span>{' '}
                <span className={recovery ? 'bad' : 'muted'}>
                  {recovery ? 'recovery contact before any promotion' : 'a promotion is fine'}
                </span>
              </p>
              <p className="muted">
                as of {fmtDay(d.asOf)}: base {d.experience.base}
                {Math.abs(d.experience.clamp) >= 0.05
                  ? `, clamped by ${d.experience.clamp.toFixed(1)}`
                  : ''}
              </p>
              <Contributions rows={d.experience.contributions} unit="Experience points" />
              <Contributions rows={d.engagement.contributions} unit="Engagement points" />
            </>
          );
        }}
      </Async>
    </Card>
  );
}

function Surveys({ personId }: { personId: string }) {
  const result = useApi<'/api/surveys/history/:ref'>(
    `/api/surveys/history/${encodeURIComponent(personId)}`,
  );
  return (
    <Card
      title="Surveys"
      subtitle="Invitations and answers; many recent invitations with few answers means survey fatigue"
      testId="person-surveys"
    >
      <Async
        state={result}
        isEmpty={(d) => d.invitations === 0}
        empty={<Empty title="Never invited to a survey" />}
      >
        {(d) => (
          <>
            <p data-testid="fatigue">
              {fmtNumber(d.invitations)} invitations, {fmtNumber(d.answers)} answered (
              {fmtPct(d.answerRate)}); {d.invitedLast30Days} in the last 30 days,{' '}
              {d.invitedLast90Days} in the last 90
              {d.daysSinceLastInvite === null
                ? ''
                : `; last one ${Math.round(d.daysSinceLastInvite)} days before the end of the data`}
            </p>
            <table className="table">
              <thead>
                <tr>
                  <th>Survey</th>
                  <th>Invited</th>
                  <th>Answered</th>
                  <th className="num">Score</th>
                </tr>
              </thead>
              <tbody>
                {d.contacts.map((c, i) => (
                  <tr key={`${c.survey}|${c.invited_at ?? i}`}>
                    <td>
                      {c.survey} <span className="muted">{c.kind.toUpperCase()}</span>
                    </td>
                    <td>{fmtDay(c.invited_at)}</td>
                    <td>
                      {c.responded_at ? fmtDay(c.responded_at) : <span className="muted">no</span>}
                    </td>
                    <td className="num">{c.score ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Async>
    </Card>
  );
}

export function CustomerExperience({ personId }: { personId: string }) {
  return (
    <>
      <Scores personId={personId} />
      <Surveys personId={personId} />
    </>
  );
}
