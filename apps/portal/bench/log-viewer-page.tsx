// The page the log viewer bench opens in Chromium (bench/observability-logs.bench.ts at the repository root): the portal's own
// LogViewer, with the providers the portal's layout gives it, reading the group and its log from the
// bench's server at /g and /g/logs.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRoot } from "react-dom/client";
import { LogViewer } from "@/components/logs/log-viewer";
import { I18nProvider } from "@/lib/client/i18n";

createRoot(document.getElementById("root")!).render(
  <QueryClientProvider client={new QueryClient()}>
    <I18nProvider locale="en">
      <main className="p-4">
        <LogViewer url="/g" group="web" />
      </main>
    </I18nProvider>
  </QueryClientProvider>,
);
