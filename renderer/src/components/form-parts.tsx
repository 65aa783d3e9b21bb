import { Button, Modal, Typography, type FormInstance, type FormRule as Rule } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** The parts every form of the app is made of: its dialog, its save, its rules and its buttons. */

const ISO = 'YYYY-MM-DD';

/** A form in a dialog: open while `open`, rebuilt each time it opens (nothing typed lingers), Esc closes. */
export function FormModal({
  open,
  title,
  width,
  testId,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  width: number;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal open={open} title={open ? title : ''} onCancel={onClose} footer={null} destroyOnHidden width={width} data-testid={testId}>
      {open ? children : null}
    </Modal>
  );
}

/**
 * A form's save: one at a time (Enter pressed twice, or Enter then a click, must not write twice), busy while it
 * runs, and a refusal kept for the form to show. `refused` may put it on a field instead: it answers true then.
 */
export function useSave<V>(save: (values: V) => Promise<void>, refused?: (error: unknown) => boolean | void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const submit = async (values: V) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await save(values);
    } catch (e) {
      if (refused?.(e) !== true) setError(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, submit: (values: V) => void submit(values) };
}

/** Ctrl/Cmd+Enter submits the form (Enter alone makes a new line in a text area). */
export function submitOnCtrlEnter(form: FormInstance) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };
}

/** A text field's rules: at most `max` characters, and not blank when `required` gives the message. */
export function textRules(max: number, tooLong: string, required?: string): Rule[] {
  return [...(required ? [{ required: true, whitespace: true, message: required }] : []), { max, message: tooLong }];
}

/** A required day's rules: `refuse` answers why a day is not allowed (in the future, before …), or null. */
export function dayRules(required: string, refuse: (day: string) => string | null): Rule[] {
  return [
    { required: true, message: required },
    {
      validator: async (_, d: Dayjs | null) => {
        const why = d ? refuse(d.format(ISO)) : null;
        if (why) throw new Error(why);
      },
    },
  ];
}

/** Cancel and save, with an optional hint on the left; `onSubmit` when the buttons stand outside the form. */
export function FormFooter(props: {
  busy: boolean;
  cancelLabel: string;
  submitLabel: string;
  testId: string;
  onCancel(): void;
  hint?: ReactNode;
  onSubmit?(): void;
}) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 8 }}>
      {props.hint ? (
        <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>
          {props.hint}
        </Typography.Text>
      ) : null}
      <Button onClick={props.onCancel}>{props.cancelLabel}</Button>
      <Button type="primary" htmlType={props.onSubmit ? 'button' : 'submit'} loading={props.busy} onClick={props.onSubmit} data-testid={props.testId}>
        {props.submitLabel}
      </Button>
    </div>
  );
}
