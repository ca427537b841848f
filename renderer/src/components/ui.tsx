/** Small building blocks shared by the screens: page header, notices, status badge, dialogs. */
import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Status } from '../lib/vocab';

/** The title of a screen with its main actions on the right. */
export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div className="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.subtitle && <div className="page-subtitle">{props.subtitle}</div>}
      </div>
      {props.actions && <div className="page-actions">{props.actions}</div>}
    </header>
  );
}

/** An error the user should read now (announced by screen readers). */
export function ErrorNotice(props: { children: ReactNode; className?: string }) {
  return (
    <div role="alert" className={`notice notice-error ${props.className ?? ''}`}>
      {props.children}
    </div>
  );
}

/** A piece of information after an action (announced politely). */
export function InfoNotice(props: { children: ReactNode }) {
  return (
    <div role="status" className="notice notice-info">
      {props.children}
    </div>
  );
}

/** Shown while a read is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** The derived status, with its detail after a dash: "pending — acknowledged, reminded once". */
export function StatusText(props: { status: string; detail?: string }) {
  const { t } = useTranslation();
  const label = t(`status.${props.status as Status}`, { defaultValue: props.status });
  return (
    <span className="status-text">
      <span className={`status-badge status-${props.status}`}>{label}</span>
      {props.detail ? <span className="status-detail"> — {props.detail}</span> : null}
    </span>
  );
}

/** A modal dialog with a title; closes on Escape and returns focus to what opened it. */
export function ModalDialog(props: { title: string; isOpen: boolean; onOpenChange: (open: boolean) => void; children: ReactNode; wide?: boolean; role?: 'dialog' | 'alertdialog' }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={props.isOpen} onOpenChange={props.onOpenChange} isDismissable={props.role !== 'alertdialog'}>
      <Modal className={`modal ${props.wide ? 'modal-wide' : ''}`}>
        <Dialog className="dialog" role={props.role ?? 'dialog'}>
          <Heading slot="title" className="dialog-title">
            {props.title}
          </Heading>
          {props.children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Asks before an action that cannot be undone from the screen. */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  isPending?: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={props.title} isOpen={props.isOpen} onOpenChange={props.onOpenChange} role="alertdialog">
      <div className="dialog-body">{props.message}</div>
      {props.error && <ErrorNotice>{props.error}</ErrorNotice>}
      <div className="dialog-actions">
        <Button className="button" onPress={() => props.onOpenChange(false)} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button className="button button-danger" onPress={props.onConfirm} isPending={props.isPending}>
          {props.confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}

/** A label / value list for record details. */
export function Facts(props: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {props.items.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value === '' || value === null || value === undefined ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
