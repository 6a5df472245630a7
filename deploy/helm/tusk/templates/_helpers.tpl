{{/* Labels of one component; call with (list $ "component"). */}}
{{- define "tusk.labels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/component: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/name: tusk
{{- end -}}

{{- define "tusk.image" -}}
{{ .Values.pachd.image.repository }}:{{ .Values.pachd.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "tusk.secretName" -}}
{{ .Release.Name }}-credentials
{{- end -}}

{{- define "tusk.storageSecret" -}}
{{ .Values.pachd.storage.amazon.existingSecret | default (include "tusk.secretName" .) }}
{{- end -}}

{{- define "tusk.postgresSecret" -}}
{{ .Values.global.postgresql.postgresqlExistingSecretName | default (include "tusk.secretName" .) }}
{{- end -}}

{{- define "tusk.postgresSecretKey" -}}
{{ .Values.global.postgresql.postgresqlExistingSecretKey | default "PGPASSWORD" }}
{{- end -}}

{{/* postgres://USER@HOST:PORT/DATABASE?sslmode=...; the password comes from PGPASSWORD. */}}
{{- define "tusk.metadataURL" -}}
{{- $pg := .Values.global.postgresql -}}
{{- if .Values.postgresql.enabled -}}
postgres://{{ $pg.postgresqlUsername }}@{{ .Release.Name }}-postgres:5432/{{ $pg.postgresqlDatabase }}?sslmode=disable
{{- else -}}
{{- $host := required "global.postgresql.postgresqlHost is required when postgresql.enabled is false" $pg.postgresqlHost -}}
postgres://{{ $pg.postgresqlUsername }}@{{ $host }}:{{ $pg.postgresqlPort }}/{{ $pg.postgresqlDatabase }}?sslmode={{ $pg.postgresqlSSL }}
{{- end -}}
{{- end -}}

{{/* s3://BUCKET[/PREFIX]?region=R[&endpoint=URL]; the keys come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. */}}
{{- define "tusk.storageURL" -}}
{{- $s3 := .Values.pachd.storage.amazon -}}
{{- if not (has .Values.pachd.storage.backend (list "AMAZON" "MINIO")) -}}
{{- fail "pachd.storage.backend must be AMAZON or MINIO: Tusk stores objects in S3-compatible storage" -}}
{{- end -}}
{{- $query := list -}}
{{- if $s3.region }}{{ $query = append $query (printf "region=%s" $s3.region) }}{{ end -}}
{{- if $s3.customEndpoint }}{{ $query = append $query (printf "endpoint=%s" $s3.customEndpoint) }}{{ end -}}
s3://{{ required "pachd.storage.amazon.bucket is required" $s3.bucket }}{{ with $s3.prefix }}/{{ trimPrefix "/" . }}{{ end }}{{ if $query }}?{{ join "&" $query }}{{ end }}
{{- end -}}

{{/* The environment of every Tusk container: credentials and where it runs. */}}
{{- define "tusk.credentialEnvironment" -}}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "tusk.storageSecret" . }}
      key: AWS_ACCESS_KEY_ID
      optional: true
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "tusk.storageSecret" . }}
      key: AWS_SECRET_ACCESS_KEY
      optional: true
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "tusk.postgresSecret" . }}
      key: {{ include "tusk.postgresSecretKey" . }}
      optional: true
- name: TUSK_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: TUSK_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end -}}

{{/* Containers that run datums mount /pfs in a private mount namespace: CAP_SYS_ADMIN, no AppArmor mount denial. */}}
{{- define "tusk.datumSecurityContext" -}}
capabilities:
  add:
  - SYS_ADMIN
appArmorProfile:
  type: Unconfined
{{- end -}}

{{- define "tusk.storeArguments" -}}
- --metadata
- {{ include "tusk.metadataURL" . | quote }}
- --storage
- {{ include "tusk.storageURL" . | quote }}
{{- end -}}

{{- define "tusk.scheduling" -}}
{{- with .Values.pachd.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.pachd.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "tusk.pullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
- name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The daemon's --kubernetes-workers flags: release, worker image, credentials secrets. */}}
{{- define "tusk.kubernetesWorkerArguments" -}}
- --kubernetes-workers
- --kubernetes-release
- {{ .Release.Name | quote }}
- --worker-image
- {{ include "tusk.image" . | quote }}
- --worker-image-pull-policy
- {{ .Values.pachd.image.pullPolicy | quote }}
- --worker-binary-path
- {{ .Values.pachd.binaryPath | quote }}
- --worker-storage-secret
- {{ include "tusk.storageSecret" . | quote }}
- --worker-postgres-secret
- {{ include "tusk.postgresSecret" . | quote }}
- --worker-postgres-secret-key
- {{ include "tusk.postgresSecretKey" . | quote }}
{{- range .Values.global.imagePullSecrets }}
- --worker-image-pull-secret
- {{ . | quote }}
{{- end }}
{{- end -}}
