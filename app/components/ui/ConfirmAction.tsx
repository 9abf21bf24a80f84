import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import { confirmedField, confirmedValue } from "~/domain/forms/form-fields";

export { isConfirmed } from "~/domain/forms/form-fields";

type ConfirmContent = {
  /** the question, e.g. 「この記録を削除しますか」 */
  title: string;
  /** what will be lost: the record in words */
  children?: ReactNode;
  /** hidden fields posted on confirmation (the form also posts confirmed=yes) */
  fields: Record<string, string | number>;
  /** the route the form posts to; the current route by default */
  action?: string;
  confirmLabel?: string;
  cancelLabel?: string;
};

/** A submit button that is disabled (and says so) while any form of the page is being sent, so a double click posts once. */
export function SubmitButton({ children, pendingLabel, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: string }) {
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  return (
    <button type="submit" className="button" {...rest} disabled={sending || rest.disabled} aria-disabled={sending || undefined}>
      {sending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

function ConfirmForm({ fields, action, confirmLabel, cancel }: Pick<ConfirmContent, "fields" | "action" | "confirmLabel"> & { cancel: ReactNode }) {
  return (
    <Form method="post" action={action} className="confirm-actions">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name={confirmedField} value={confirmedValue} />
      <SubmitButton className="button button--danger" pendingLabel="処理しています…">
        {confirmLabel ?? "削除する"}
      </SubmitButton>
      {cancel}
    </Form>
  );
}

/**
 * The trigger of an action that needs confirmation (削除, 取り消し). Without JavaScript it is a link to
 * `href` (the same page with e.g. ?confirm=<id>#confirm-step), where the page renders a ConfirmStep.
 * With JavaScript it opens a modal <dialog> instead: focus starts on 「やめる」, Escape or 「やめる」 closes
 * it, and focus returns to the trigger.
 */
export function ConfirmAction({
  label,
  accessibleLabel,
  href,
  ...content
}: ConfirmContent & { label: string; accessibleLabel?: string; href: string }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLAnchorElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!open || !d || d.open) return;
    d.showModal();
    cancelButton.current?.focus();
  }, [open]);
  return (
    <>
      <a
        ref={trigger}
        href={href}
        className="link-button"
        aria-label={accessibleLabel}
        aria-haspopup="dialog"
        onClick={(event) => {
          if (typeof HTMLDialogElement === "undefined") return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        {label}
      </a>
      {open ? (
        <dialog
          ref={dialog}
          className="confirm-dialog"
          aria-labelledby={titleId}
          aria-describedby={content.children ? descriptionId : undefined}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        >
          <h2 id={titleId}>{content.title}</h2>
          {content.children ? <div id={descriptionId}>{content.children}</div> : null}
          <ConfirmForm
            fields={content.fields}
            action={content.action}
            confirmLabel={content.confirmLabel}
            cancel={
              <button ref={cancelButton} type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
                {content.cancelLabel ?? "やめる"}
              </button>
            }
          />
        </dialog>
      ) : null}
    </>
  );
}

/**
 * The confirmation step without JavaScript: the page renders it when its URL asks for confirmation
 * (e.g. ?confirm=<id>), with id="confirm-step" so the trigger's #confirm-step brings it into view.
 * 「やめる」 is a link to `cancelHref` (the page without the confirm parameter).
 */
export function ConfirmStep({ cancelHref, ...content }: ConfirmContent & { cancelHref: string }) {
  const titleId = useId();
  return (
    <section id="confirm-step" className="confirm-step" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId}>{content.title}</h2>
      {content.children}
      <ConfirmForm
        fields={content.fields}
        action={content.action}
        confirmLabel={content.confirmLabel}
        cancel={
          <Link to={cancelHref} className="button button--secondary">
            {content.cancelLabel ?? "やめる"}
          </Link>
        }
      />
    </section>
  );
}

/** 「記録しました」 after a post/redirect/get; the message comes from the ?saved= flag of the URL. */
export function SavedNotice({ message }: { message: string | undefined }) {
  return (
    <p role="status" className={message ? "saved-notice" : undefined}>
      {message}
    </p>
  );
}

/**
 * A key for a record form: it changes after a successful post/redirect/get (and any other navigation),
 * so the form comes back empty, but not when the action answered with errors (a submission is a
 * navigation too), so what was typed stays for correcting.
 */
export function useFreshFormKey(actionData: unknown): string {
  const location = useLocation();
  const key = useRef(location.key);
  if (actionData === undefined) key.current = location.key;
  return key.current;
}
