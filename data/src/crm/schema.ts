export { CRM_ENTITIES } from './entities';
export { CrmCore1764300300000 } from './migration';
export { CrmRecordSearch1764301100000 } from './search-migration';
export { DealBoardPaging1764301500000 } from './board-paging-migration';
