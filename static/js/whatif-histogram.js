/* A what-if's per-engineer change as a bar chart; data from a json_script tag (the table beside it has the same). */
(function () {
  "use strict";
  const el = document.getElementById("whatif-histogram");
  const data = document.getElementById("whatif-histogram-data");
  if (!el || !data || !window.echarts) return;
  const h = JSON.parse(data.textContent);
  const middle = Math.floor(h.labels.length / 2);
  const chart = window.echarts.init(el);
  chart.setOption({
    grid: { left: 40, right: 20, top: 20, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: h.labels, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{
      type: "bar", label: { show: true, position: "top" },
      data: h.counts.map((n, i) => ({ value: n, itemStyle: { color: i < middle ? "#fd7e14" : i > middle ? "#0d6efd" : "#6c757d" } })),
    }],
  });
  window.addEventListener("resize", () => chart.resize());
})();
