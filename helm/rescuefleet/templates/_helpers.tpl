{{/* The chart name, overridable. */}}
{{- define "rescuefleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: the release name, with the chart name unless the release already has it. */}}
{{- define "rescuefleet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rescuefleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "rescuefleet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: rescuefleet
{{- end }}

{{/* Selector labels of one component (operator or station); pass (dict "ctx" $ "component" "operator"). */}}
{{- define "rescuefleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rescuefleet.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "rescuefleet.componentLabels" -}}
{{ include "rescuefleet.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "rescuefleet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rescuefleet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion; pass (dict "ctx" $ "image" .Values.x.image). */}}
{{- define "rescuefleet.image" -}}
{{- printf "%s:%s" .image.repository (default .ctx.Chart.AppVersion .image.tag) }}
{{- end }}

{{/* The operator refuses to run several replicas without a leader. */}}
{{- define "rescuefleet.leaderElection" -}}
{{- if and (gt (int .Values.operator.replicas) 1) (not .Values.operator.leaderElection.enabled) }}
{{- fail "operator.leaderElection.enabled must be true when operator.replicas > 1: replicas without a leader would write status concurrently" }}
{{- end }}
{{- .Values.operator.leaderElection.enabled }}
{{- end }}

{{/* Where in-cluster stations reach the station API. */}}
{{- define "rescuefleet.operatorUrl" -}}
{{- if .Values.station.operatorUrl }}
{{- .Values.station.operatorUrl }}
{{- else }}
{{- printf "%s://%s.%s.svc:%d" (ternary "https" "http" (ne .Values.tls.secretName "")) (include "rescuefleet.fullname" .) .Release.Namespace (int .Values.operator.stationApiPort) }}
{{- end }}
{{- end }}

{{/* The Secret holding the CA stations trust; empty when the station API is plain HTTP. */}}
{{- define "rescuefleet.stationCaSecret" -}}
{{- default .Values.tls.secretName .Values.station.caSecret.name }}
{{- end }}

{{- define "rescuefleet.operatorJob" -}}
{{- default (include "rescuefleet.fullname" .) .Values.prometheusRule.operatorJob }}
{{- end }}

{{/* One alerting rule; pass (dict "alert" name "cfg" values.prometheusRule.alerts.x "expr" … "summary" … "description" …). */}}
{{- define "rescuefleet.alertRule" -}}
{{- if .cfg.enabled -}}
- alert: {{ .alert }}
  expr: {{ .expr | quote }}
  for: {{ .cfg.for }}
  labels:
    severity: {{ .cfg.severity }}
  annotations:
    summary: {{ .summary | quote }}
    description: {{ .description | quote }}
{{- end }}
{{- end }}
