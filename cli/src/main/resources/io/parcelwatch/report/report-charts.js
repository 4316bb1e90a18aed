/* ParcelWatch service-quality report: draws the charts from the JSON in #report-data with Apache ECharts.
   Animation is off so every chart is complete as soon as setOption returns (headless printing to PDF
   captures the page right away). SVG rendering keeps the charts sharp when printed. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var colors = {
    onTime: '#1f5fa8', intact: '#2e7d32', volume: '#cfd8e3', mean: '#6a1b9a', p90: '#ef6c00', target: '#c62828',
    door: '#1f5fa8', locker: '#f9a825', station: '#7cb342', withoutConsent: '#c62828', bad: '#c62828'
  };
  var reasonPalette = ['#1f5fa8', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457', '#8d6e63', '#9e9d24', '#546e7a', '#5c6bc0'];
  var charts = [];

  function percent(value, digits) {
    return value == null ? '–' : (value * 100).toFixed(digits == null ? 1 : digits) + '%';
  }

  /* Axis labels of counts: 12,000 as 12k, so that a narrow (half-width, printed) chart keeps them apart. */
  function compact(value) {
    return Math.abs(value) >= 1000 ? (value / 1000).toLocaleString('en-US') + 'k' : String(value);
  }

  function count(value) {
    return value == null ? '–' : Number(value).toLocaleString('en-US');
  }

  /* A rate axis up to 100 % that starts a little below the lowest value (rounded down to 5 %): rates of 90 % and
     95 % look the same on an axis from 0. The axis labels say where it starts; the step keeps them round. */
  function rateAxis(seriesList, extra) {
    var min = 1;
    seriesList.forEach(function (values) {
      values.forEach(function (v) { if (v != null && v < min) { min = v; } });
    });
    var floor = Math.max(0, Math.floor((min - 0.02) * 20) / 20);
    var range = 1 - floor;
    var axis = {type: 'value', min: floor, max: 1,
      interval: range <= 0.05 ? 0.01 : range <= 0.1 ? 0.02 : range <= 0.25 ? 0.05 : 0.1,
      axisLabel: {formatter: function (v) { return percent(v, 0); }}};
    Object.keys(extra || {}).forEach(function (k) { axis[k] = extra[k]; });
    return axis;
  }

  /* An hours axis from 0 with round steps, high enough to show the 24-hour target. */
  function hoursAxis(seriesList, target) {
    var max = target;
    seriesList.forEach(function (values) {
      values.forEach(function (v) { if (v != null && v > max) { max = v; } });
    });
    var step = max * 1.1 <= 72 ? 12 : 24;
    return {type: 'value', name: 'hours', min: 0, max: Math.ceil(max * 1.1 / step) * step, interval: step,
      splitLine: {show: false}, axisLabel: {formatter: function (v) { return v + ' h'; }}};
  }

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var chart = echarts.init(element, null, {renderer: 'svg'});
    option.animation = false;
    option.textStyle = {fontFamily: 'system-ui, "Noto Sans", "Liberation Sans", Arial, sans-serif'};
    chart.setOption(option);
    scalable(chart);
    charts.push(chart);
  }

  /* The SVG is drawn at the box's size on screen; a viewBox lets CSS scale it to another width (a printed page). */
  function scalable(chart) {
    var svg = chart.getDom().querySelector('svg');
    if (svg) {
      svg.setAttribute('viewBox', '0 0 ' + chart.getWidth() + ' ' + chart.getHeight());
      svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    }
  }

  function axisTooltip(ranges, format) {
    return {
      trigger: 'axis',
      formatter: function (items) {
        var lines = [ranges[items[0].dataIndex]];
        items.forEach(function (item) {
          lines.push(item.marker + item.seriesName + ': ' + format(item.seriesName, item.value));
        });
        return lines.join('<br>');
      }
    };
  }

  function categoryAxis(labels) {
    return {type: 'category', data: labels, axisTick: {alignWithLabel: true}, axisLabel: {hideOverlap: true}};
  }

  var timeline = data.timeline;
  if (timeline) {
    draw('chart-timeline', {
      legend: {top: 0},
      grid: {left: 56, right: 64, top: 60, bottom: 28},
      tooltip: axisTooltip(timeline.ranges, function (name, v) {
        return name === 'delivered' ? count(v) : percent(v, 1);
      }),
      xAxis: categoryAxis(timeline.axis),
      yAxis: [
        rateAxis([timeline.onTime, timeline.intact]),
        {type: 'value', name: 'delivered', splitLine: {show: false},
          axisLabel: {formatter: function (v) { return count(v); }}}
      ],
      series: [
        {name: 'delivered', type: 'bar', yAxisIndex: 1, data: timeline.delivered, itemStyle: {color: colors.volume}, barMaxWidth: 28},
        {name: 'on time', type: 'line', data: timeline.onTime, itemStyle: {color: colors.onTime}, lineStyle: {width: 2.5},
          symbolSize: 5, connectNulls: false},
        {name: 'intact', type: 'line', data: timeline.intact, itemStyle: {color: colors.intact}, lineStyle: {width: 2.5},
          symbolSize: 5, connectNulls: false}
      ]
    });
  }

  var complaints = data.complaints;
  if (complaints) {
    var complaintSeries = complaints.reasons.map(function (reason, i) {
      return {name: reason.name, type: 'bar', stack: 'reasons', data: reason.counts,
        itemStyle: {color: reasonPalette[i % reasonPalette.length]}, barMaxWidth: 28};
    });
    complaintSeries.push({name: 'mean response (h)', type: 'line', yAxisIndex: 1, data: complaints.meanHours,
      itemStyle: {color: colors.mean}, lineStyle: {width: 2.5}, symbolSize: 5,
      markLine: {silent: true, symbol: 'none', lineStyle: {color: colors.target, type: 'dashed'},
        label: {formatter: data.responseTargetHours + ' h target', position: 'insideStartTop', color: colors.target},
        data: [{yAxis: data.responseTargetHours}]}});
    complaintSeries.push({name: 'p90 response (h)', type: 'line', yAxisIndex: 1, data: complaints.p90Hours,
      itemStyle: {color: colors.p90}, lineStyle: {width: 2, type: 'dotted'}, symbolSize: 5});
    draw('chart-complaints', {
      legend: {top: 0},
      grid: {left: 56, right: 64, top: 84, bottom: 28},
      tooltip: axisTooltip(complaints.ranges, function (name, v) {
        return name.indexOf('response') >= 0 ? (v == null ? '–' : v.toFixed(1) + ' h') : count(v);
      }),
      xAxis: categoryAxis(complaints.axis),
      yAxis: [
        {type: 'value', name: 'complaints', axisLabel: {formatter: function (v) { return count(v); }}},
        hoursAxis([complaints.meanHours, complaints.p90Hours], data.responseTargetHours)
      ],
      series: complaintSeries
    });
  }

  function drawWorst(id, worst, noun) {
    if (!worst) { return; }
    draw(id, {
      grid: {left: 130, right: 150, top: 8, bottom: 24},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: function (items) {
        var i = items[0].dataIndex;
        return worst.ids[i] + '<br>on time ' + percent(worst.onTime[i], 1) + ' of ' + count(worst.delivered[i]) + ' delivered';
      }},
      xAxis: rateAxis([worst.onTime]),
      yAxis: {type: 'category', inverse: true, data: worst.ids, name: noun,
        axisLabel: {fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', width: 120, overflow: 'truncate'}},
      series: [{name: 'on time', type: 'bar', data: worst.onTime, itemStyle: {color: colors.bad}, barMaxWidth: 22,
        label: {show: true, position: 'right', formatter: function (p) {
          return percent(p.value, 1) + '  (' + count(worst.delivered[p.dataIndex]) + ' delivered)';
        }}}]
    });
  }
  drawWorst('chart-worst-hubs', data.worstHubs, '');
  drawWorst('chart-worst-lanes', data.worstLanes, '');

  function drawCounts(id, named, color) {
    if (!named) { return; }
    draw(id, {
      grid: {left: 8, right: 56, top: 8, bottom: 24, containLabel: true},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', splitNumber: 3, axisLabel: {hideOverlap: true, formatter: compact}},
      yAxis: {type: 'category', inverse: true, data: named.names,
        axisLabel: {width: 140, overflow: 'truncate'}},
      series: [{name: 'count', type: 'bar', data: named.counts, itemStyle: {color: color}, barMaxWidth: 22,
        label: {show: true, position: 'right', formatter: function (p) { return count(p.value); }}}]
    });
  }
  drawCounts('chart-late-by-stage', data.lateByStage, '#ef6c00');
  drawCounts('chart-exceptions', data.exceptions, '#6a1b9a');

  /* Delivery methods: the shares (stacked to 100 %) above, lockers without consent below on their own scale, so
     the small share is readable and its line does not run across the bars. */
  var methods = data.methods;
  if (methods) {
    draw('chart-methods', {
      legend: {top: 0},
      grid: [{left: 56, right: 24, top: 36, height: '52%'}, {left: 56, right: 24, bottom: 28, height: '20%'}],
      tooltip: axisTooltip(methods.ranges, function (name, v) {
        return percent(v, name === 'locker without consent' ? 2 : 1);
      }),
      axisPointer: {link: [{xAxisIndex: 'all'}]},
      xAxis: [
        {type: 'category', data: methods.axis, gridIndex: 0, axisLabel: {show: false}, axisTick: {show: false}},
        {type: 'category', data: methods.axis, gridIndex: 1, axisTick: {alignWithLabel: true}, axisLabel: {hideOverlap: true}}
      ],
      yAxis: [
        {type: 'value', gridIndex: 0, min: 0, max: 1, interval: 0.25, axisLabel: {formatter: function (v) { return percent(v, 0); }}},
        {type: 'value', gridIndex: 1, min: 0, splitNumber: 2, name: 'locker without consent',
          nameTextStyle: {align: 'left'}, axisLabel: {formatter: function (v) { return percent(v, 1); }}}
      ],
      series: [
        {name: 'door', type: 'bar', stack: 'method', data: methods.door, itemStyle: {color: colors.door}, barMaxWidth: 28},
        {name: 'locker', type: 'bar', stack: 'method', data: methods.locker, itemStyle: {color: colors.locker}, barMaxWidth: 28},
        {name: 'station', type: 'bar', stack: 'method', data: methods.station, itemStyle: {color: colors.station}, barMaxWidth: 28},
        {name: 'locker without consent', type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: methods.lockerWithoutConsent,
          itemStyle: {color: colors.withoutConsent}, lineStyle: {width: 2.5}, symbolSize: 5,
          areaStyle: {color: 'rgba(198, 40, 40, 0.08)'}}
      ]
    });
  }

  /* Printing lays the page out at the paper's width: redraw the charts to fit it, and again afterwards. */
  function resizeAll() { charts.forEach(function (c) { c.resize(); scalable(c); }); }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
