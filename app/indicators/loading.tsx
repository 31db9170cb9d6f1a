import { IndicatorsSkeleton } from "@/components/indicators/IndicatorsSkeleton";

export default function Loading() {
  return <IndicatorsSkeleton />;
}
