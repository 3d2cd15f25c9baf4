import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type Project, ProjectCreate, ProjectUpdate } from '../../../../domain/projects/contracts.ts';
import type { Category, FundingSource, Level } from '../../../../domain/projects/project.ts';
import { projectsApi } from '../../api/projects.ts';
import { FormDrawer } from '../../components/drawers.tsx';
import { emptyToNull, validateWith, zodRule } from '../../lib/form.ts';
import { today } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useVersionedSave } from '../../lib/use-versioned-save.ts';
import { useInvalidate } from '../org/org-queries.ts';
import { EntitySelect, RegionTreeSelect } from '../org/org-selects.tsx';
import {
  AmountInput,
  ApprovalsInput,
  type ApprovalsValue,
  approvalsForApi,
  isEmptyPlan,
  isoDateItemProps,
  MonthlyPlanInput,
  type MonthlyPlanValue,
  planForForm,
} from './project-inputs.tsx';
import { useProjectLabels } from './project-labels.tsx';

export type ProjectFormTarget = { mode: 'create' } | { mode: 'edit'; project: Project };

type Values = {
  name?: string;
  projectCode?: string | null;
  ownerName?: string;
  ownerUscc?: string | null;
  regionCode?: string | null;
  responsibleUnitId?: string | null;
  leadOfficialId?: string | null;
  teamMemberIds?: string[];
  siteCommissionerId?: string | null;
  level?: Level;
  category?: Category;
  industry?: string | null;
  fundingSource?: FundingSource;
  totalInvestment?: string | null;
  annualPlan?: string | null;
  planYear?: number | null;
  monthlyPlan?: MonthlyPlanValue;
  plannedStartDate?: string | null;
  plannedCompletionDate?: string | null;
  landArea?: string | null;
  expectedAnnualOutput?: string | null;
  expectedAnnualTax?: string | null;
  energyUse?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  environmentalAssessment?: boolean;
  obsoleteCapacity?: boolean;
  overcapacity?: boolean;
  highEnergyHighEmission?: boolean;
  approvals?: ApprovalsValue;
  groundbreakingBatch?: string | null;
  tags?: string[];
};

const toValues = (p: Project): Values => ({
  name: p.name,
  projectCode: p.projectCode,
  ownerName: p.ownerName,
  ownerUscc: p.ownerUscc,
  regionCode: p.regionCode,
  responsibleUnitId: p.responsibleUnitId,
  leadOfficialId: p.leadOfficial?.id ?? null,
  teamMemberIds: p.team.map((m) => m.id),
  siteCommissionerId: p.siteCommissioner?.id ?? null,
  level: p.level,
  category: p.category,
  industry: p.industry,
  fundingSource: p.fundingSource,
  totalInvestment: p.totalInvestment,
  annualPlan: p.annualPlan,
  planYear: p.planYear,
  monthlyPlan: planForForm(p.monthlyPlan, p.annualPlan),
  plannedStartDate: p.plannedStartDate,
  plannedCompletionDate: p.plannedCompletionDate,
  landArea: p.landArea,
  expectedAnnualOutput: p.expectedAnnualOutput,
  expectedAnnualTax: p.expectedAnnualTax,
  energyUse: p.energyUse,
  longitude: p.longitude,
  latitude: p.latitude,
  environmentalAssessment: p.environmentalAssessment,
  obsoleteCapacity: p.obsoleteCapacity,
  overcapacity: p.overcapacity,
  highEnergyHighEmission: p.highEnergyHighEmission,
  approvals: p.approvals as ApprovalsValue,
  groundbreakingBatch: p.groundbreakingBatch,
  tags: p.tags,
});

const newProject = (): Values => ({
  planYear: Number(today().slice(0, 4)),
  teamMemberIds: [],
  tags: [],
  approvals: {},
  monthlyPlan: null,
  environmentalAssessment: false,
  obsoleteCapacity: false,
  overcapacity: false,
  highEnergyHighEmission: false,
});

/** The request body from the form: empty text is null, amounts stay text, an untouched monthly plan is null. */
function toBody(v: Values) {
  return {
    name: v.name,
    projectCode: emptyToNull(v.projectCode),
    ownerName: v.ownerName,
    ownerUscc: emptyToNull(v.ownerUscc),
    regionCode: v.regionCode ?? undefined,
    responsibleUnitId: v.responsibleUnitId ?? undefined,
    leadOfficialId: v.leadOfficialId ?? null,
    teamMemberIds: v.teamMemberIds ?? [],
    siteCommissionerId: v.siteCommissionerId ?? null,
    level: v.level,
    category: v.category,
    industry: emptyToNull(v.industry),
    fundingSource: v.fundingSource,
    totalInvestment: emptyToNull(v.totalInvestment) ?? undefined,
    annualPlan: emptyToNull(v.annualPlan),
    planYear: v.planYear ?? undefined,
    monthlyPlan: isEmptyPlan(v.monthlyPlan) ? null : (v.monthlyPlan ?? []).map((m) => m ?? ''),
    plannedStartDate: v.plannedStartDate ?? null,
    plannedCompletionDate: v.plannedCompletionDate ?? null,
    landArea: emptyToNull(v.landArea),
    expectedAnnualOutput: emptyToNull(v.expectedAnnualOutput),
    expectedAnnualTax: emptyToNull(v.expectedAnnualTax),
    energyUse: emptyToNull(v.energyUse),
    longitude: v.longitude ?? null,
    latitude: v.latitude ?? null,
    environmentalAssessment: v.environmentalAssessment ?? false,
    obsoleteCapacity: v.obsoleteCapacity ?? false,
    overcapacity: v.overcapacity ?? false,
    highEnergyHighEmission: v.highEnergyHighEmission ?? false,
    approvals: approvalsForApi(v.approvals),
    groundbreakingBatch: emptyToNull(v.groundbreakingBatch),
    tags: [...new Set((v.tags ?? []).map((x) => x.trim()).filter(Boolean))],
  };
}

const S = ProjectCreate.shape;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Divider titlePlacement="start" style={{ marginTop: 8, marginBottom: 12 }}>
        <Typography.Text strong>{title}</Typography.Text>
      </Divider>
      <Row gutter={16}>{children}</Row>
    </>
  );
}

/** A column of the form's grid: a third of the drawer on a desktop, half on a tablet, the whole width on a phone. */
const C = ({ children, wide }: { children: ReactNode; wide?: boolean }) => (
  <Col xs={24} md={wide ? 24 : 12} lg={wide ? 24 : 8}>
    {children}
  </Col>
);

export function ProjectFormDrawer({ target, onClose }: { target: ProjectFormTarget | null; onClose: () => void }) {
  const t = useT();
  const labels = useProjectLabels();
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.project : undefined;
  const annualPlan = Form.useWatch('annualPlan', form);

  const { save, stale } = useVersionedSave({
    form,
    editing,
    mutationFn: async (v: Values, version) => {
      const fields = toBody(v);
      const update = editing ? validateWith(form, ProjectUpdate, { ...fields, version }) : null;
      const create = editing ? null : validateWith(form, ProjectCreate, fields);
      // a plan with some months left empty: say so rather than "月度计划应为金额"
      if (fields.monthlyPlan?.some((m) => m === '')) {
        form.setFields([{ name: 'monthlyPlan', errors: [t('project.monthlyPlanIncomplete')] }]);
      }
      if (editing) return update ? projectsApi.update(editing.id, update) : null;
      return create ? projectsApi.create(create) : null;
    },
    onSaved: (saved) => {
      qc.setQueryData(['project', saved.id], saved);
      invalidate('projects');
    },
    onClose,
    reload: (p) => qc.fetchQuery({ queryKey: ['project', p.id], queryFn: () => projectsApi.get(p.id), staleTime: 0 }),
    toValues,
    onReloaded: () => invalidate('projects'),
  });

  const unit = { wan: t('project.unit.wan'), mu: t('project.unit.mu'), tce: t('project.unit.tce') };

  return (
    <FormDrawer
      title={editing ? t('project.editTitle') : t('project.createTitle')}
      open={target !== null}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      staleNotice={stale}
      width={980}
    >
      <Form<Values>
        form={form}
        name="project"
        layout="vertical"
        initialValues={editing ? toValues(editing) : newProject()}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        scrollToFirstError={{ block: 'center' }}
      >
        <Section title={t('project.section.basic')}>
          <C wide>
            <Form.Item name="name" label={t('project.name')} required rules={[zodRule(S.name)]}>
              <Input maxLength={200} />
            </Form.Item>
          </C>
          <C>
            <Form.Item
              name="projectCode"
              label={t('project.code')}
              tooltip={t('project.codeHelp')}
              rules={[zodRule(S.projectCode, emptyToNull)]}
            >
              <Input maxLength={40} placeholder={t('project.codePlaceholder')} />
            </Form.Item>
          </C>
          <C>
            <Form.Item name="regionCode" label={t('project.region')} required rules={[zodRule(S.regionCode)]}>
              <RegionTreeSelect />
            </Form.Item>
          </C>
          <C>
            <Form.Item name="level" label={t('project.level')} required rules={[zodRule(S.level)]}>
              <Select options={labels.levelOptions} placeholder={t('common.select')} />
            </Form.Item>
          </C>
          <C>
            <Form.Item name="category" label={t('project.category')} required rules={[zodRule(S.category)]}>
              <Select options={labels.categoryOptions} placeholder={t('common.select')} />
            </Form.Item>
          </C>
          <C>
            <Form.Item
              name="fundingSource"
              label={t('project.fundingSource')}
              required
              rules={[zodRule(S.fundingSource)]}
            >
              <Select options={labels.fundingSourceOptions} placeholder={t('common.select')} />
            </Form.Item>
          </C>
          <C>
            <Form.Item
              name="industry"
              label={t('project.industry')}
              tooltip={t('project.industryHelp')}
              rules={[zodRule(S.industry, emptyToNull)]}
            >
              <Input maxLength={5} placeholder="C3562" />
            </Form.Item>
          </C>
        </Section>

        <Section title={t('project.section.owner')}>
          <Col xs={24} md={12} lg={16}>
            <Form.Item name="ownerName" label={t('project.ownerName')} required rules={[zodRule(S.ownerName)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <C>
            <Form.Item name="ownerUscc" label={t('project.ownerUscc')} rules={[zodRule(S.ownerUscc, emptyToNull)]}>
              <Input maxLength={24} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </C>
        </Section>

        <Section title={t('project.section.people')}>
          <Col xs={24} md={12}>
            <Form.Item
              name="responsibleUnitId"
              label={t('project.unit')}
              required
              rules={[zodRule(S.responsibleUnitId)]}
            >
              <EntitySelect
                kind="unit"
                knownOptions={
                  editing ? [{ value: editing.responsibleUnitId, label: editing.responsibleUnitName }] : undefined
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leadOfficialId" label={t('project.leadOfficial')}>
              <EntitySelect kind="leader" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="teamMemberIds" label={t('project.team')} extra={t('project.teamHelp')}>
              <EntitySelect
                kind="user"
                multiple
                maxCount={3}
                knownOptions={editing?.team.map((m) => ({ value: m.id, label: m.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="siteCommissionerId" label={t('project.siteCommissioner')}>
              <EntitySelect
                kind="user"
                knownOptions={
                  editing?.siteCommissioner
                    ? [{ value: editing.siteCommissioner.id, label: editing.siteCommissioner.name }]
                    : undefined
                }
              />
            </Form.Item>
          </Col>
        </Section>

        <Section title={t('project.section.investment')}>
          <C>
            <Form.Item
              name="totalInvestment"
              label={t('project.totalInvestment')}
              required
              rules={[zodRule(S.totalInvestment)]}
            >
              <AmountInput unit={unit.wan} />
            </Form.Item>
          </C>
          <C>
            <Form.Item name="annualPlan" label={t('project.annualPlan')} rules={[zodRule(S.annualPlan, emptyToNull)]}>
              <AmountInput unit={unit.wan} />
            </Form.Item>
          </C>
          <C>
            <Form.Item name="planYear" label={t('project.planYear')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </C>
          <C wide>
            <Form.Item name="monthlyPlan" label={t('project.monthlyPlanOptional')}>
              <MonthlyPlanInput annualPlan={annualPlan} />
            </Form.Item>
          </C>
        </Section>

        <Section title={t('project.section.dates')}>
          <Col xs={24} md={12}>
            <Form.Item name="plannedStartDate" label={t('project.plannedStart')} {...isoDateItemProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="plannedCompletionDate" label={t('project.plannedCompletion')} {...isoDateItemProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Section>

        <Section title={t('project.section.land')}>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="landArea" label={t('project.landArea')}>
              <AmountInput unit={unit.mu} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="expectedAnnualOutput" label={t('project.expectedOutput')}>
              <AmountInput unit={unit.wan} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="expectedAnnualTax" label={t('project.expectedTax')}>
              <AmountInput unit={unit.wan} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="energyUse" label={t('project.energyUse')}>
              <AmountInput unit={unit.tce} />
            </Form.Item>
          </Col>
        </Section>

        <Section title={t('project.section.location')}>
          <Col xs={24} md={12}>
            <Form.Item name="longitude" label={t('project.longitude')} extra={t('project.locationHelp')}>
              <InputNumber min={73} max={136} precision={6} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="latitude" label={t('project.latitude')}>
              <InputNumber min={3} max={54} precision={6} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Section>

        <Section title={t('project.section.admission')}>
          <Col span={24}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
              {t('project.admissionHelp')}
            </Typography.Paragraph>
          </Col>
          {(
            [
              ['environmentalAssessment', 'project.environmentalAssessment'],
              ['obsoleteCapacity', 'project.obsoleteCapacity'],
              ['overcapacity', 'project.overcapacity'],
              ['highEnergyHighEmission', 'project.highEnergyHighEmission'],
            ] as const
          ).map(([name, label]) => (
            <Col key={name} xs={12} lg={6}>
              <Form.Item name={name} label={t(label)} valuePropName="checked">
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
              </Form.Item>
            </Col>
          ))}
        </Section>

        <Section title={t('project.section.approvals')}>
          <Col span={24}>
            <Form.Item name="approvals" label={null}>
              <ApprovalsInput />
            </Form.Item>
          </Col>
        </Section>

        <Section title={t('project.section.other')}>
          <Col xs={24} md={12}>
            <Form.Item name="groundbreakingBatch" label={t('project.batch')}>
              <Input maxLength={50} placeholder={t('project.batchPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('project.tags')} extra={t('project.tagsHelp')}>
              <Select mode="tags" open={false} tokenSeparators={[',', ',', '、']} suffixIcon={null} maxCount={20} />
            </Form.Item>
          </Col>
        </Section>
      </Form>
    </FormDrawer>
  );
}
