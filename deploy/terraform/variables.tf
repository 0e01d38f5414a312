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
