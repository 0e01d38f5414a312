{{- define "cadenza.labels" -}}
app.kubernetes.io/name: cadenza
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "cadenza.selector" -}}
app.kubernetes.io/name: cadenza
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "cadenza.image" -}}
{{- $digest := index .root.Values.image.digests .name | default "" -}}
{{ .root.Values.image.registry }}/cadenza-{{ .name }}{{ if $digest }}@{{ $digest }}{{ else }}:{{ .root.Values.image.tag }}{{ end }}
{{- end }}

{{/* checkov.io/skip annotations for a Deployment: .ids are the checks that do not fit it (reasons in values.checkovSkips). */}}
{{- define "cadenza.checkovSkips" -}}
{{- range $i, $id := .ids }}
checkov.io/skip{{ add1 $i }}: {{ printf "%s=%s" $id (index $.root.Values.checkovSkips $id) | quote }}
{{- end }}
{{- end }}

{{/* Environment both processes read; secrets by reference only. */}}
{{- define "cadenza.commonEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.databaseUrl }} }
- name: CADENZA_SECRET_KEY
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.secretKey }} }
- name: METRICS_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.metricsToken }}, optional: true }
- name: TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: TEMPORAL_TASK_QUEUE
  value: {{ .Values.temporal.taskQueue | quote }}
- name: LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
# Tracking links and unsubscribe pages in sent email point here: the ingress host unless set.
- name: PUBLIC_BASE_URL
  value: {{ .Values.config.publicBaseUrl | default (printf "https://%s" .Values.ingress.host) | quote }}
{{- with .Values.kms.keyName }}
# Key-encryption key of payload data keys (Cloud KMS); without it, derived from CADENZA_SECRET_KEY.
- name: CADENZA_KMS_KEY_NAME
  value: {{ . | quote }}
{{- end }}
{{- with .Values.kms.endpoint }}
- name: CADENZA_KMS_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.config.egressAllow }}
- name: CADENZA_EGRESS_ALLOW
  value: {{ . | quote }}
{{- end }}
{{- with .Values.config.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if and (eq .Values.temporal.mode "cloud") (eq .Values.temporal.cloud.auth "apiKey") }}
- name: TEMPORAL_API_KEY
  valueFrom:
    secretKeyRef: { name: {{ .Values.temporal.cloud.apiKey.existingSecret }}, key: {{ .Values.temporal.cloud.apiKey.key }} }
{{- end }}
{{- if and (eq .Values.temporal.mode "cloud") (eq .Values.temporal.cloud.auth "mtls") }}
- name: TEMPORAL_TLS_CERT_PATH
  value: /etc/temporal-tls/tls.crt
- name: TEMPORAL_TLS_KEY_PATH
  value: /etc/temporal-tls/tls.key
{{- end }}
{{- end }}

{{- define "cadenza.temporalTlsVolume" -}}
{{- if and (eq .Values.temporal.mode "cloud") (eq .Values.temporal.cloud.auth "mtls") }}
- name: temporal-tls
  secret: { secretName: {{ .Values.temporal.cloud.tls.existingSecret }} }
{{- end }}
{{- end }}

{{- define "cadenza.temporalTlsMount" -}}
{{- if and (eq .Values.temporal.mode "cloud") (eq .Values.temporal.cloud.auth "mtls") }}
- name: temporal-tls
  mountPath: /etc/temporal-tls
  readOnly: true
{{- end }}
{{- end }}

{{/* The Temporal UI's codec endpoint: the API's /api/v1/temporal-codec on the public host unless set. */}}
{{- define "cadenza.codecEndpoint" -}}
{{ .Values.temporal.codecEndpoint | default (printf "https://%s/api/v1/temporal-codec" .Values.ingress.host) }}
{{- end }}
