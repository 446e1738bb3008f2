/* The customer requests' dashboard: four ECharts from one json_script tag (no inline script: CSP). */
(function () {
  "use strict";
  const source = document.getElementById("sd-data");
  if (!source || !window.echarts) return;
  const d = JSON.parse(source.textContent);
  const charts = [];
  function draw(id, option) {
    const el = document.getElementById(id);
    if (!el) return;
    const chart = window.echarts.init(el);
    chart.setOption(Object.assign({ grid: { left: 40, right: 40, top: 30, bottom: 30 }, tooltip: { trigger: "axis" } }, option));
    charts.push(chart);
  }
  const bars = (labels, values, colour) => ({
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: values, itemStyle: { color: colour }, label: { show: true, position: "top" } }],
  });
  draw("sd-states", bars(d.states.labels, d.states.values, "#0d6efd"));
  draw("sd-ages", bars(d.ages.labels, d.ages.values, "#6c757d"));
  draw("sd-sla", {
    legend: { top: 0 },
    xAxis: { type: "category", data: d.months },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: d.words.in_time, type: "bar", stack: "sla", data: d.in_time, itemStyle: { color: "#198754" } },
      { name: d.words.late, type: "bar", stack: "sla", data: d.late, itemStyle: { color: "#dc3545" } },
    ],
  });
  draw("sd-csat", {
    legend: { top: 0 },
    xAxis: { type: "category", data: d.months },
    yAxis: [{ type: "value", min: 1, max: 5 }, { type: "value", min: 0, max: 100 }],
    series: [
      { name: d.words.csat, type: "line", data: d.csat, connectNulls: false, symbolSize: 8, label: { show: true } },
      { name: d.words.rate, type: "bar", yAxisIndex: 1, data: d.answer_rate, itemStyle: { color: "#cfe2ff" } },
    ],
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
})();
