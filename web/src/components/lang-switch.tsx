import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { type Lang, useLang, useT } from '../lib/i18n.ts';

/** 中文 / English, for pages outside the signed-in frame (sign-in, change password). */
export function LangSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  const qc = useQueryClient();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <GlobalOutlined aria-hidden style={{ color: 'rgba(255,255,255,0.85)' }} />
      <Segmented<Lang>
        size="small"
        aria-label={t('user.language')}
        value={lang}
        onChange={(v) => {
          setLang(v);
          void qc.invalidateQueries();
        }}
        options={[
          { value: 'zh-CN', label: t('user.langZh') },
          { value: 'en-US', label: t('user.langEn') },
        ]}
      />
    </span>
  );
}
