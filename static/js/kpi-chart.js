/* Monthly KPI scores as a line with the band thresholds; data from a json_script tag. */
(function () {
  "use strict";
  const el = document.getElementById("kpi-chart");
  const data = document.getElementById("kpi-chart-data");
  if (!el || !data || !window.echarts) return;
  const scores = JSON.parse(data.textContent).map((v) => (v === null ? null : Number(v)));
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const chart = window.echarts.init(el);
  chart.setOption({
    grid: { left: 40, right: 20, top: 20, bottom: 30 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", min: 0, max: 100 },
    series: [{
      type: "line", data: scores, connectNulls: false, symbolSize: 8, label: { show: true, position: "top" },
      markLine: { symbol: "none", silent: true, lineStyle: { type: "dashed" },
        data: [{ yAxis: 90, name: "A" }, { yAxis: 80, name: "B" }, { yAxis: 60, name: "C" }],
        label: { formatter: "{b}" } },
    }],
  });
  window.addEventListener("resize", () => chart.resize());
})();
