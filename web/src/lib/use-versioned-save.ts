import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { toast } from './feedback.ts';
import { handleSaveError } from './form.ts';
import { useT } from './i18n.ts';

/**
 * The save of a create/edit drawer. It keeps the version of the object being edited (an update sends it back) and
 * says 已保存/已创建 and closes on success. When the server refuses a stale version (409 STALE_WRITE) it fetches the
 * object again, puts it on the form and sets `stale` (the drawer's "reloaded" notice); other errors go on the form.
 */
export function useVersionedSave<Values, Item extends { version: number }, Saved>({
  form,
  editing,
  mutationFn,
  onSaved,
  onClose,
  reload,
  toValues,
  onReloaded,
}: {
  form: FormInstance<Values>;
  /** The object being edited, undefined while creating; another one starts from its version, without the notice. */
  editing: Item | undefined;
  /** Validates and sends the values; null when the form stopped them. */
  mutationFn: (values: Values, version: number) => Promise<Saved | null>;
  /** What else a save changes (the query cache, the lists), before the toast and onClose. */
  onSaved: (saved: Saved) => void;
  onClose: () => void;
  /** The edited object as the server has it now; undefined if it is not found. */
  reload: (item: Item) => Promise<Item | undefined>;
  toValues: (item: Item) => Values;
  /** After a reload, besides the form (lists that show the object). */
  onReloaded?: (fresh: Item) => void;
}) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    setStale(false);
    if (editing) setVersion(editing.version);
  }, [editing]);

  const save = useMutation({
    mutationFn: (values: Values) => mutationFn(values, version),
    onSuccess: (saved) => {
      if (!saved) return;
      onSaved(saved);
      toast.success(editing ? t('common.saved') : t('common.created'));
      onClose();
    },
    onError: (err) =>
      handleSaveError(form, err, async () => {
        if (!editing) return;
        const fresh = await reload(editing);
        if (!fresh) return;
        setVersion(fresh.version);
        form.setFieldsValue(toValues(fresh));
        onReloaded?.(fresh);
        setStale(true);
      }),
  });

  return { save, stale };
}
