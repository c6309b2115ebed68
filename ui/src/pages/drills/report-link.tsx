// "HTML report": the self-contained page GET /api/v1/drill-runs/:id/report.html serves needs
// the bearer token, so a plain link would be refused. This fetches it with the token and opens
// it as a blob URL in a new tab (the tab is opened on the click itself, so popup blockers let
// it through); if the browser still blocks it, the page is downloaded instead.
import { useState } from "react";
import type { ReactNode } from "react";
import { apiResponse } from "../../api/client";
import { InlineError, Spinner } from "../../components";

/** Props of `<ReportLink>`. */
export interface ReportLinkProps {
  runId: string;
  /** For the downloaded file's name. */
  drill: string;
}

/** A button opening the run's HTML report. */
export function ReportLink({ runId, drill }: ReportLinkProps): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const open = async (): Promise<void> => {
    const tab = window.open("", "_blank");
    if (tab !== null) tab.document.title = "Loading the drill report…";
    setBusy(true);
    setError(null);
    try {
      const response = await apiResponse(`/api/v1/drill-runs/${encodeURIComponent(runId)}/report.html`, { headers: { accept: "text/html" } });
      const blob = new Blob([await response.text()], { type: "text/html" });
      const url = URL.createObjectURL(blob);
      if (tab !== null && !tab.closed) tab.location.href = url;
      else {
        const a = document.createElement("a");
        a.href = url;
        a.download = `drill-${drill}-${runId}.html`;
        a.click();
      }
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="row">
      <button type="button" className="button" onClick={() => void open()} disabled={busy} data-testid="drill-run-report-html">
        {busy && <Spinner />}
        HTML report ↗
      </button>
      <InlineError error={error} testId="drill-run-report-error" />
    </span>
  );
}
