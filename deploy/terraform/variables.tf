variable "project_id" {
  type        = string
  description = "GCP project that hosts Cadenza"
}

variable "region" {
  type        = string
  default     = "europe-west1"
  description = "Region of the cluster, database and cache"
}

variable "name" {
  type        = string
  default     = "cadenza"
  description = "Prefix of every resource name"
}

variable "db_tier" {
  type        = string
  default     = "db-custom-2-7680"
  description = "Cloud SQL machine tier of the primary and its replica"
}

variable "redis_memory_gb" {
  type        = number
  default     = 1
  description = "Memorystore Redis capacity, in GiB"
}

variable "master_authorized_cidr" {
  type        = string
  default     = "10.0.0.0/8"
  description = "CIDR allowed to reach the GKE control plane"
}

variable "environment" {
  type        = string
  default     = "production"
  description = "Environment label on the cluster (production, staging, ...)"
}

variable "rbac_security_group" {
  type        = string
  description = "Google Groups for RBAC: the gke-security-groups@<your domain> group whose member groups RoleBindings may name"
}

variable "kms_protection_level" {
  type        = string
  default     = "SOFTWARE"
  description = "Protection level of the payload key-encryption key's versions: SOFTWARE, or HSM (Cloud HSM, priced per key version)"
  validation {
    condition     = contains(["SOFTWARE", "HSM"], var.kms_protection_level)
    error_message = "kms_protection_level is SOFTWARE or HSM."
  }
}

variable "k8s_namespace" {
  type        = string
  default     = "cadenza"
  description = "Kubernetes namespace the Helm chart is installed in (Workload Identity binds its ServiceAccount)"
}

variable "k8s_service_account" {
  type        = string
  default     = "cadenza-workload"
  description = "Kubernetes ServiceAccount of the api and worker pods: <Helm release name>-workload"
}
