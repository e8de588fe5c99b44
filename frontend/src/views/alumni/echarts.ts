/**
 * ECharts, on demand: only the charts and components the Stay-in-Wuhan pages use. Imported dynamically by
 * EChart.vue, so it is a chunk of its own and never part of the entry.
 */
import * as echarts from 'echarts/core'
import { BarChart, LineChart, SankeyChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([
  LineChart,
  BarChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
])

export { echarts }
export type { EChartsType } from 'echarts/core'
