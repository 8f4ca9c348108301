import { ComingLater } from "@/components/coming-later";

export default function Page() {
  return <ComingLater title="nav.dataCentres" />;
}
