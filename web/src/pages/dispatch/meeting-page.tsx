import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Grid, Row, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { MeetingQuery } from '../../../../domain/dispatch/meeting-contracts.ts';
import { dispatchMeetingApi } from '../../api/dispatch-meeting.ts';
import { Page, Panel } from '../../components/page.tsx';
import { LoadError } from '../../components/status-result.tsx';
import { showError } from '../../lib/feedback.ts';
import { useT } from '../../lib/i18n.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useUrlFilter } from '../../lib/url-filter.ts';
import { MeetingListsCard } from './meeting-lists.tsx';
import { DistrictChart, MeetingRanking } from './meeting-ranking.tsx';
import { MeetingTiles } from './meeting-tiles.tsx';
import { WeekPicker } from './week-picker.tsx';

const NO_DEFAULTS = {};

/**
 * 周调度会: one page for the weekly meeting — the week's totals, the ranking of districts, units and categories, and
 * the lists to act on, each line linking to its project; the 周调度通报 (.docx) and the week's 台账 (.xlsx) are
 * generated from the same figures on the server.
 */
export function MeetingPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [filter, setFilter] = useUrlFilter(MeetingQuery, NO_DEFAULTS);
  const [busy, setBusy] = useState<'bulletin' | 'ledger' | null>(null);
  const q = useQuery({
    queryKey: ['dispatch-meeting', filter.week ?? null],
    queryFn: ({ signal }) => dispatchMeetingApi.view(filter.week, signal),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const week = filter.week ?? data?.week;
  const shown = data && (!filter.week || data.week === filter.week) ? data : undefined;

  const download = async (kind: 'bulletin' | 'ledger') => {
    if (!week) return;
    setBusy(kind);
    try {
      const file =
        kind === 'bulletin' ? await dispatchMeetingApi.bulletin(week) : await dispatchMeetingApi.ledger(week);
      saveFile(file, kind === 'bulletin' ? `周调度通报-${week}.docx` : `周报台账-${week}.xlsx`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const extra = (
    <Space wrap>
      <Button
        type="primary"
        icon={<FileWordOutlined />}
        loading={busy === 'bulletin'}
        disabled={!shown?.can.bulletin}
        onClick={() => download('bulletin')}
      >
        {t('meeting.bulletin')}
      </Button>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'ledger'}
        disabled={!shown?.can.ledger}
        onClick={() => download('ledger')}
      >
        {t('meeting.ledger')}
      </Button>
    </Space>
  );

  let content: ReactNode;
  if (q.error && !data) {
    content = <LoadError message={q.error.message} onRetry={() => void q.refetch()} />;
  } else if (!shown) {
    content = (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  } else if (
    shown.totals.projects === 0 &&
    shown.lists.overdueStart.length === 0 &&
    shown.lists.overdueItems.length === 0
  ) {
    content = (
      <Card variant="borderless">
        <Empty description={t('meeting.empty')} />
      </Card>
    );
  } else {
    content = (
      <>
        <MeetingTiles data={shown} phone={phone} />
        <Card variant="borderless" size="small" title={t('meeting.lead')} data-testid="meeting-lead">
          <Typography.Paragraph style={{ margin: 0, lineHeight: 1.8, textIndent: phone ? 0 : '2em' }}>
            {shown.lead}
          </Typography.Paragraph>
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={15}>
            <MeetingRanking data={shown} phone={phone} />
          </Col>
          <Col xs={24} xl={9}>
            <DistrictChart rows={shown.byRegion} phone={phone} />
          </Col>
        </Row>
        <MeetingListsCard data={shown} phone={phone} />
      </>
    );
  }

  return (
    <Page title={t('meeting.title')} extra={extra}>
      <Panel padding={phone ? 12 : 16}>
        {week ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
            <WeekPicker week={week} onChange={(w) => setFilter({ ...filter, week: w })} />
            {shown && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('meeting.asOf', { scope: shown.scopeWord || t('meeting.scopeAll'), date: shown.asOf })}
              </Typography.Text>
            )}
          </div>
        ) : (
          <Skeleton.Input active block />
        )}
      </Panel>
      {content}
    </Page>
  );
}
