import { getDataCentre, getLoadBalancer } from "@capstan/usecases";
import { LoadBalancerDetail } from "@/components/load-balancers/load-balancer-detail";
import { PageHeader } from "@/components/shell/page-header";
import { DeleteButton } from "@/components/ui/delete-button";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function LoadBalancerPage({ params }: { params: Promise<{ system: string; app: string; lb: string }> }) {
  const [ctx, t, { system, app, lb: name }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const lb = await load(getLoadBalancer(ctx, system, app, name));
  // The DNS zone its names live under, for the settings form's hint.
  const zone = (await getDataCentre(ctx, lb.dataCentre)).dns.zone;
  return (
    <>
      <PageHeader
        title={lb.name}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
        ]}
        actions={
          lb.can.write && !lb.deleting ? (
            <DeleteButton
              name={lb.name}
              url={`/api/v1/systems/${system}/applications/${app}/load-balancers/${lb.name}`}
              after={`/systems/${system}/applications/${app}`}
            />
          ) : null
        }
      />
      <LoadBalancerDetail initial={lb} zone={zone} />
    </>
  );
}
